package live.blossom.chat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Blocked words match whatever way the text is written")
class RoomRulesTest {

    private final RoomRules rules = RoomRules.NONE.withBlockedWords(List.of("scam"));

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "total SCAM here",
        "sc\u200Bam", // zero-width space
        "s\u00ADcam", // soft hyphen
        "sc\u2060am", // word joiner
        "sc\uFEFFam", // byte order mark
        "s\u200Dc\u200Cam", // ZWJ and ZWNJ: shown, but not part of a word's spelling here
        "\uFF53\uFF43\uFF41\uFF4D", // fullwidth
        "\uFF33\uFF23\uFF21\uFF2D", // fullwidth capitals
        "\u24E2\u24D2\u24D0\u24DC", // circled letters
    })
    @DisplayName("a blocked word is found through case, invisible splitters and compatibility forms")
    void foundInAnyForm(String text) {
        assertThat(rules.blockedWordIn(text)).isEqualTo("scam");
    }

    @Test
    @DisplayName("the word list is folded the same way, and the word is answered as listed")
    void listedWordsAreFoldedToo() {
        RoomRules listed = RoomRules.NONE.withBlockedWords(List.of("\uFF33\u200BCAM", "\uFB01sh"));
        assertThat(listed.blockedWordIn("a scam")).isEqualTo("\uFF33\u200BCAM");
        assertThat(listed.blockedWordIn("big FISH")).as("the fi ligature").isEqualTo("\uFB01sh");
    }

    @Test
    @DisplayName("a line without a blocked word passes, and a listed word of only invisible characters blocks nothing")
    void otherLinesPass() {
        assertThat(rules.blockedWordIn("lovely soap")).isNull();
        assertThat(RoomRules.NONE.withBlockedWords(List.of("\u200B\u2060")).blockedWordIn("lovely soap")).isNull();
    }

    @Test
    @DisplayName("rules read back from the cluster (serialized) block the same words")
    void survivesSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rules.withSlowSeconds(5));
        }
        RoomRules read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (RoomRules) in.readObject();
        }
        assertThat(read).isEqualTo(rules.withSlowSeconds(5));
        assertThat(read.blockedWordIn("sc\u200Bam")).isEqualTo("scam");
    }
}

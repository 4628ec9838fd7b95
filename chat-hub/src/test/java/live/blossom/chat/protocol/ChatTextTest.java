package live.blossom.chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Chat text: what is shown, what is removed, what is refused")
class ChatTextTest {

    private final ChatText chatText = new ChatText(10);

    private void assertRefused(String raw, String code) {
        assertThatThrownBy(() -> chatText.clean(raw))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    @DisplayName("invisible format characters are removed, so they can neither hide nor split a word")
    void invisibleCharactersAreRemoved() {
        assertThat(chatText.clean("sc\u200Bam")).as("zero-width space").isEqualTo("scam");
        assertThat(chatText.clean("sc\u00ADam")).as("soft hyphen").isEqualTo("scam");
        assertThat(chatText.clean("sc\u2060am")).as("word joiner").isEqualTo("scam");
        assertThat(chatText.clean("\uFEFFscam")).as("byte order mark").isEqualTo("scam");
    }

    @Test
    @DisplayName("control characters and every bidi control are removed, the Arabic letter mark included")
    void controlsAndBidiAreRemoved() {
        assertThat(chatText.clean("a\u0007b\u0000c")).isEqualTo("abc");
        assertThat(chatText.clean("a\u202Eb\u2066c\u200Fd\u061Ce")).isEqualTo("abcde");
    }

    @Test
    @DisplayName("ZWNJ, ZWJ and tag characters stay: Persian spelling, emoji sequences and subdivision flags need them")
    void joinersStay() {
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"; // "I want", ZWNJ after the prefix
        String family = "\uD83D\uDC69\u200D\uD83D\uDC67"; // woman ZWJ girl
        String scotland = new StringBuilder().appendCodePoint(0x1F3F4).appendCodePoint(0xE0067).appendCodePoint(0xE0062)
                .appendCodePoint(0xE0073).appendCodePoint(0xE0063).appendCodePoint(0xE0074).appendCodePoint(0xE007F).toString();
        assertThat(chatText.clean(persian)).isEqualTo(persian);
        assertThat(chatText.clean(family)).isEqualTo(family);
        assertThat(chatText.clean(scotland)).isEqualTo(scotland);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\u200B", "\u200B \uFEFF\u00AD", " \u00A0\u3000 ", "\u200D\u200C", "\u0007\u202E"})
    @DisplayName("a line with nothing visible left is refused like an empty one")
    void nothingVisibleIsEmpty(String raw) {
        assertRefused(raw, "empty_text");
    }

    @Test
    @DisplayName("the length limit counts what is shown, not the removed characters")
    void lengthCountsShownText() {
        assertThat(chatText.clean("0123456789\u200B\u200B\u200B")).isEqualTo("0123456789");
        assertRefused("0123456789x", "text_too_long");
    }
}

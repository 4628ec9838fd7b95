package live.blossom.chat.moderation;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A room's standing rules, kept cluster-wide: slow mode (one message per N seconds per user,
 * 0 = off) and the blocked-words list (matched case-insensitively as substrings).
 */
public record RoomRules(int slowSeconds, List<String> blockedWords) implements Serializable {

    public static final RoomRules NONE = new RoomRules(0, List.of());

    public RoomRules {
        blockedWords = List.copyOf(blockedWords);
    }

    public RoomRules withSlowSeconds(int seconds) {
        return new RoomRules(seconds, blockedWords);
    }

    public RoomRules withBlockedWords(List<String> words) {
        return new RoomRules(slowSeconds, words);
    }

    /** The first blocked word the text contains, or null. */
    public String blockedWordIn(String text) {
        if (blockedWords.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : blockedWords) {
            if (lower.contains(word)) {
                return word;
            }
        }
        return null;
    }
}

package live.blossom.chat.moderation;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * A room's standing rules, kept cluster-wide: slow mode (one message per N seconds per user,
 * 0 = off) and the blocked-words list, matched as substrings of the text in a folded form:
 * NFKC, lower case, without format characters. So "SCAM", "ｓｃａｍ" (fullwidth) and "scam" with
 * a zero-width space (U+200B) inside all contain "scam".
 *
 * <p>{@code foldedWords} is {@code blockedWords} folded, one for one; it is derived (pass null
 * or use the two-argument constructor) and travels with the rules, because a node reads the
 * rules from the cluster on every send and should not fold the whole list each time.
 */
public record RoomRules(int slowSeconds, List<String> blockedWords, List<String> foldedWords)
        implements Serializable {

    public static final RoomRules NONE = new RoomRules(0, List.of());

    public RoomRules(int slowSeconds, List<String> blockedWords) {
        this(slowSeconds, blockedWords, null);
    }

    public RoomRules {
        blockedWords = List.copyOf(blockedWords);
        // Null also for rules stored by a node that did not keep the folded form.
        foldedWords = foldedWords == null || foldedWords.size() != blockedWords.size()
                ? blockedWords.stream().map(RoomRules::fold).toList()
                : List.copyOf(foldedWords);
    }

    public RoomRules withSlowSeconds(int seconds) {
        return new RoomRules(seconds, blockedWords, foldedWords);
    }

    public RoomRules withBlockedWords(List<String> words) {
        return new RoomRules(slowSeconds, words);
    }

    /** The first blocked word (as listed) the text contains once folded, or null. */
    public String blockedWordIn(String text) {
        if (blockedWords.isEmpty()) {
            return null;
        }
        String folded = fold(text);
        for (int i = 0; i < foldedWords.size(); i++) {
            String word = foldedWords.get(i);
            // A listed word of only invisible characters folds to nothing: it would match every line.
            if (!word.isEmpty() && folded.contains(word)) {
                return blockedWords.get(i);
            }
        }
        return null;
    }

    /**
     * Format characters (Cf, ZWJ and ZWNJ included) go first, so that one placed inside a word
     * cannot keep NFKC from composing it; NFKC and lower-casing bring no Cf back.
     */
    static String fold(String text) {
        return Normalizer.normalize(withoutFormat(text), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String withoutFormat(String text) {
        if (text.codePoints().noneMatch(cp -> Character.getType(cp) == Character.FORMAT)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    }
}

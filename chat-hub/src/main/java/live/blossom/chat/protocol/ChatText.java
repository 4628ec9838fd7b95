package live.blossom.chat.protocol;

/**
 * Chat text as data: control characters and bidirectional overrides are removed, surrounding
 * blanks trimmed, length checked in characters (code points). Nothing here interprets markup;
 * clients must render the text as plain text.
 */
public final class ChatText {

    private final int maxChars;

    public ChatText(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The cleaned text; a {@link ProtocolError} when it is empty or too long. */
    public String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().filter(cp -> !removed(cp)).forEach(out::appendCodePoint);
        String text = out.toString().strip();
        if (text.isEmpty()) {
            throw new ProtocolError("empty_text", "Say something: the text is empty.");
        }
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw new ProtocolError("text_too_long", "Keep messages to " + maxChars + " characters.");
        }
        return text;
    }

    private static boolean removed(int cp) {
        // Cc control characters, plus the bidi controls that can flip how other lines read.
        return Character.getType(cp) == Character.CONTROL
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F;
    }
}

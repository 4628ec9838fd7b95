package live.blossom.chat.protocol;

/**
 * Chat text as data: control characters, invisible format characters and bidirectional
 * controls are removed, surrounding blanks trimmed, length checked in characters (code points).
 * Nothing here interprets markup; clients must render the text as plain text.
 */
public final class ChatText {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private final int maxChars;

    public ChatText(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The cleaned text; a {@link ProtocolError} when nothing visible is left or it is too long. */
    public String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().filter(cp -> !removed(cp)).forEach(out::appendCodePoint);
        String text = out.toString().strip();
        if (blank(text)) {
            throw new ProtocolError("empty_text", "Say something: the text is empty.");
        }
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw new ProtocolError("text_too_long", "Keep messages to " + maxChars + " characters.");
        }
        return text;
    }

    private static boolean removed(int cp) {
        int type = Character.getType(cp);
        // Cc, and Cf: invisible characters (zero-width space, soft hyphen, word joiner, BOM) that
        // would hide a line or split a word, and the bidi controls (U+200E/F, U+202A-E,
        // U+2066-9, U+061C are all Cf) that flip how other lines read. ZWNJ and ZWJ stay: Persian
        // and Indic spelling and emoji sequences need them, as do the tag characters of
        // subdivision flags (Scotland, Wales).
        return type == Character.CONTROL
                || (type == Character.FORMAT && cp != ZWNJ && cp != ZWJ && (cp < 0xE0020 || cp > 0xE007F));
    }

    /** Nothing a reader would see: only spaces (no-break ones too) and joiners, or nothing. */
    private static boolean blank(String text) {
        return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || cp == ZWNJ || cp == ZWJ);
    }
}

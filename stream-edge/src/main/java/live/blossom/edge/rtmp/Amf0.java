package live.blossom.edge.rtmp;

/** AMF0 type markers (AMF0 spec §2.1) and the values that have no plain Java counterpart. */
public final class Amf0 {

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int MOVIECLIP = 0x04;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    static final int UNSUPPORTED = 0x0D;
    static final int RECORDSET = 0x0E;
    static final int XML_DOCUMENT = 0x0F;
    static final int TYPED_OBJECT = 0x10;
    static final int AVMPLUS = 0x11;

    /** The AMF0 {@code undefined} value (distinct from {@code null} on the wire). */
    public static final Object UNDEFINED_VALUE = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    /** Written as an ECMA array (what onMetaData conventionally uses) rather than an object. */
    public record EcmaArray(java.util.Map<String, Object> entries) {
    }

    private Amf0() {
    }
}

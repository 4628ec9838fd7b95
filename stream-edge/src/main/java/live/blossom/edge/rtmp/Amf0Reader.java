package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMF0 values into plain Java: Double, Boolean, String, Map (object, ECMA array, typed
 * object), List (strict array), Instant (date), null and {@link Amf0#UNDEFINED_VALUE}.
 * Nesting depth and the number of values are bounded, so hostile input cannot blow the stack
 * or the heap; references (unused by RTMP peers) are refused.
 */
public final class Amf0Reader {

    /** Defaults that every real RTMP client stays far below. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_VALUES = 4096;

    /** Limits for one message's values. */
    public record Limits(int maxDepth, int maxValues) {
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES);
    }

    private final int maxDepth;
    private final int maxValues;
    private int values;

    public Amf0Reader(Limits limits) {
        this(limits.maxDepth(), limits.maxValues());
    }

    public Amf0Reader(int maxDepth, int maxValues) {
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
    }

    public Amf0Reader() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES);
    }

    /** Every value up to the end of the buffer. */
    public List<Object> readAll(ByteBuf in) {
        List<Object> out = new ArrayList<>();
        while (in.isReadable()) {
            out.add(read(in));
        }
        return out;
    }

    /** One value. */
    public Object read(ByteBuf in) {
        return read(in, 0);
    }

    private Object read(ByteBuf in, int depth) {
        if (depth > maxDepth) {
            throw new Amf0Exception("AMF0 nesting deeper than " + maxDepth);
        }
        if (++values > maxValues) {
            throw new Amf0Exception("more than " + maxValues + " AMF0 values");
        }
        need(in, 1);
        int marker = in.readUnsignedByte();
        return switch (marker) {
            case Amf0.NUMBER -> {
                need(in, 8);
                yield in.readDouble();
            }
            case Amf0.BOOLEAN -> {
                need(in, 1);
                yield in.readByte() != 0;
            }
            case Amf0.STRING -> readShortString(in);
            case Amf0.LONG_STRING, Amf0.XML_DOCUMENT -> readLongString(in);
            case Amf0.OBJECT -> readProperties(in, depth, 0);
            case Amf0.TYPED_OBJECT -> {
                readShortString(in); // the class name carries nothing the edge uses
                yield readProperties(in, depth, 0);
            }
            case Amf0.ECMA_ARRAY -> {
                need(in, 4);
                long hint = in.readUnsignedInt();
                yield readProperties(in, depth, (int) Math.min(hint, 64));
            }
            case Amf0.STRICT_ARRAY -> {
                need(in, 4);
                long count = in.readUnsignedInt();
                if (count > maxValues - values || count > in.readableBytes()) {
                    throw new Amf0Exception("AMF0 strict array too long: " + count);
                }
                List<Object> list = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    list.add(read(in, depth + 1));
                }
                yield list;
            }
            case Amf0.DATE -> {
                need(in, 10);
                double millis = in.readDouble();
                in.skipBytes(2); // time zone, reserved and always 0
                yield Double.isFinite(millis) ? Instant.ofEpochMilli((long) millis) : Instant.EPOCH;
            }
            case Amf0.NULL, Amf0.UNSUPPORTED -> null;
            case Amf0.UNDEFINED -> Amf0.UNDEFINED_VALUE;
            default -> throw new Amf0Exception("unsupported AMF0 marker 0x" + Integer.toHexString(marker));
        };
    }

    private Map<String, Object> readProperties(ByteBuf in, int depth, int sizeHint) {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, sizeHint * 2));
        while (true) {
            need(in, 2);
            int keyLength = in.readUnsignedShort();
            if (keyLength == 0) {
                // An empty key followed by the object-end marker closes the object. Some
                // encoders end an ECMA array at the end of the message without the marker.
                if (!in.isReadable()) {
                    return map;
                }
                int end = in.readUnsignedByte();
                if (end != Amf0.OBJECT_END) {
                    throw new Amf0Exception("AMF0 object: empty key without end marker");
                }
                return map;
            }
            need(in, keyLength);
            String key = in.readCharSequence(keyLength, StandardCharsets.UTF_8).toString();
            map.put(key, read(in, depth + 1));
        }
    }

    private static String readShortString(ByteBuf in) {
        need(in, 2);
        int length = in.readUnsignedShort();
        need(in, length);
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static String readLongString(ByteBuf in) {
        need(in, 4);
        long length = in.readUnsignedInt();
        need(in, length);
        return in.readCharSequence((int) length, StandardCharsets.UTF_8).toString();
    }

    private static void need(ByteBuf in, long bytes) {
        if (in.readableBytes() < bytes) {
            throw new Amf0Exception("AMF0 value truncated: needs " + bytes + " bytes, " + in.readableBytes() + " left");
        }
    }
}

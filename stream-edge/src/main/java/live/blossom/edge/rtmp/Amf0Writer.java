package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes plain Java values as AMF0, the inverse of {@link Amf0Reader}. */
public final class Amf0Writer {

    private Amf0Writer() {
    }

    public static void writeAll(ByteBuf out, List<?> values) {
        for (Object value : values) {
            write(out, value);
        }
    }

    public static void write(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte(Amf0.NULL);
        } else if (value == Amf0.UNDEFINED_VALUE) {
            out.writeByte(Amf0.UNDEFINED);
        } else if (value instanceof Number n) {
            out.writeByte(Amf0.NUMBER);
            out.writeDouble(n.doubleValue());
        } else if (value instanceof Boolean b) {
            out.writeByte(Amf0.BOOLEAN);
            out.writeByte(b ? 1 : 0);
        } else if (value instanceof CharSequence s) {
            byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= 0xFFFF) {
                out.writeByte(Amf0.STRING);
                out.writeShort(bytes.length);
            } else {
                out.writeByte(Amf0.LONG_STRING);
                out.writeInt(bytes.length);
            }
            out.writeBytes(bytes);
        } else if (value instanceof Amf0.EcmaArray array) {
            out.writeByte(Amf0.ECMA_ARRAY);
            out.writeInt(array.entries().size());
            writeProperties(out, array.entries());
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(Amf0.OBJECT);
            writeProperties(out, map);
        } else if (value instanceof List<?> list) {
            out.writeByte(Amf0.STRICT_ARRAY);
            out.writeInt(list.size());
            for (Object item : list) {
                write(out, item);
            }
        } else if (value instanceof Instant instant) {
            out.writeByte(Amf0.DATE);
            out.writeDouble(instant.toEpochMilli());
            out.writeShort(0);
        } else {
            throw new IllegalArgumentException("no AMF0 form for " + value.getClass().getName());
        }
    }

    private static void writeProperties(ByteBuf out, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            byte[] key = String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8);
            out.writeShort(key.length);
            out.writeBytes(key);
            write(out, e.getValue());
        }
        out.writeShort(0);
        out.writeByte(Amf0.OBJECT_END);
    }
}

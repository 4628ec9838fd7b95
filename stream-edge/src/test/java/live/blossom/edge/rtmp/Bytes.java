package live.blossom.edge.rtmp;

import java.io.ByteArrayOutputStream;

/** Builds annotated byte vectors: {@code bytes(0x03, "fmt 0, csid 3", 0x00, 0x03, 0xE8, "ts 1000")}; strings are comments. */
final class Bytes {

    private Bytes() {
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof Character c) {
                out.write(c);
            } else if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else if (!(p instanceof String)) {
                throw new IllegalArgumentException(String.valueOf(p));
            }
        }
        return out.toByteArray();
    }

    static byte[] repeat(int value, int count) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        return bytes((Object[]) parts);
    }
}

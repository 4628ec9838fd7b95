package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the few fields the swarm needs straight from frame bytes, without a JSON parse: a viewer
 * swarm on the same two cores as the servers must spend as little as it can per frame.
 */
final class FrameScan {

    static final byte[] BATCH = bytes("{\"type\":\"batch\"");
    static final byte[] MISSED = bytes("{\"type\":\"missed\"");
    static final byte[] JOINED = bytes("{\"type\":\"joined\"");
    static final byte[] ACK = bytes("{\"type\":\"ack\"");
    static final byte[] ERROR = bytes("{\"type\":\"error\"");
    static final byte[] FIRST = bytes("\"first\":");
    static final byte[] LAST = bytes("\"last\":");
    static final byte[] SKIPPED = bytes("\"skipped\":");
    static final byte[] TO = bytes("\"to\":");
    static final byte[] STAMP = bytes("\"text\":\"t=");
    /** A sender's client id, which the bench sets to the send time in microseconds. */
    static final byte[] CID = bytes("\"cid\":\"");

    private FrameScan() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(ByteBuf buf, byte[] prefix) {
        return matchesAt(buf, prefix, buf.readerIndex());
    }

    /** Index just after the first occurrence of {@code key} at or after {@code from}, or -1. */
    static int after(ByteBuf buf, byte[] key, int from) {
        int end = buf.writerIndex() - key.length;
        for (int i = Math.max(from, buf.readerIndex()); i <= end; i++) {
            if (matchesAt(buf, key, i)) {
                return i + key.length;
            }
        }
        return -1;
    }

    /**
     * Every sender's stamp ({@code "text":"t=<micros>"}) at or after {@code from}, in order. A
     * batch of the big room is about 15 kB, so the stamps are found by a word-at-a-time search
     * for '=' (rare in a frame) and a check of the bytes before it, not by matching the key at
     * every byte.
     */
    static long[] stamps(ByteBuf buf, int from) {
        long[] stamps = new long[16];
        int n = 0;
        int end = buf.writerIndex();
        int i = buf.indexOf(from, end, (byte) '=');
        while (i >= 0) {
            if (matchesAt(buf, STAMP, i - STAMP.length + 1)) {
                if (n == stamps.length) {
                    stamps = Arrays.copyOf(stamps, n * 2);
                }
                stamps[n++] = number(buf, i + 1);
            }
            i = buf.indexOf(i + 1, end, (byte) '=');
        }
        return Arrays.copyOf(stamps, n);
    }

    private static boolean matchesAt(ByteBuf buf, byte[] key, int start) {
        if (start < buf.readerIndex() || start + key.length > buf.writerIndex()) {
            return false;
        }
        for (int j = 0; j < key.length; j++) {
            if (buf.getByte(start + j) != key[j]) {
                return false;
            }
        }
        return true;
    }

    static long number(ByteBuf buf, int at) {
        long value = 0;
        boolean negative = false;
        int i = at;
        if (buf.getByte(i) == '-') {
            negative = true;
            i++;
        }
        for (; i < buf.writerIndex(); i++) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }
}

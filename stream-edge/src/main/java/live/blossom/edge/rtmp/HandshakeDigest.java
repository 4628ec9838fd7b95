package live.blossom.edge.rtmp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest ("complex") RTMP handshake that Flash Player introduced and FFmpeg, OBS and
 * hardware encoders still send: C1 and S1 carry an HMAC-SHA256 digest at a position derived
 * from their own bytes, S2 and C2 one keyed by the peer's digest. The keys are the well-known
 * constants every RTMP implementation carries.
 */
public final class HandshakeDigest {

    static final int SIZE = 1536;
    static final int DIGEST = 32;

    private static final byte[] KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE
    };
    /** "Genuine Adobe Flash Player 001" + tail: the client's key (its first 30 bytes sign C1). */
    static final byte[] PLAYER_KEY = concat("Genuine Adobe Flash Player 001", KEY_TAIL);
    /** "Genuine Adobe Flash Media Server 001" + tail: the server's key (its first 36 bytes sign S1). */
    static final byte[] SERVER_KEY = concat("Genuine Adobe Flash Media Server 001", KEY_TAIL);
    static final int PLAYER_PARTIAL = 30;
    static final int SERVER_PARTIAL = 36;

    private HandshakeDigest() {
    }

    private static byte[] concat(String text, byte[] tail) {
        byte[] head = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** Digest position for the scheme whose offset bytes start at {@code base} (8 or 772). */
    static int position(byte[] block, int base) {
        int sum = (block[base] & 0xFF) + (block[base + 1] & 0xFF) + (block[base + 2] & 0xFF) + (block[base + 3] & 0xFF);
        return base == 8 ? sum % 728 + 12 : sum % 728 + 776;
    }

    /** Where the peer's digest sits in its C1/S1 signed with the given key, or -1 when neither scheme matches. */
    static int findDigest(byte[] block, byte[] key, int keyLength) {
        for (int base : new int[] {772, 8}) {
            int pos = position(block, base);
            byte[] expected = digestAround(block, pos, key, keyLength);
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(block, pos, pos + DIGEST))) {
                return pos;
            }
        }
        return -1;
    }

    /** Signs a C1/S1 in place (offset scheme 8) and returns the digest position. */
    static int sign(byte[] block, byte[] key, int keyLength) {
        int pos = position(block, 8);
        byte[] digest = digestAround(block, pos, key, keyLength);
        System.arraycopy(digest, 0, block, pos, DIGEST);
        return pos;
    }

    /** The S2/C2 answer to a peer whose C1/S1 digest is given: random bytes and a trailing digest. */
    static byte[] answer(byte[] peerDigest, byte[] key, byte[] random) {
        byte[] block = Arrays.copyOf(random, SIZE);
        byte[] tempKey = hmac(key, key.length, peerDigest, 0, DIGEST);
        byte[] signature = hmac(tempKey, tempKey.length, block, 0, SIZE - DIGEST);
        System.arraycopy(signature, 0, block, SIZE - DIGEST, DIGEST);
        return block;
    }

    /** True when an S2/C2 carries the trailing digest keyed by our own digest. */
    static boolean answers(byte[] block, byte[] ownDigest, byte[] key) {
        byte[] tempKey = hmac(key, key.length, ownDigest, 0, DIGEST);
        byte[] signature = hmac(tempKey, tempKey.length, block, 0, SIZE - DIGEST);
        return MessageDigest.isEqual(signature, Arrays.copyOfRange(block, SIZE - DIGEST, SIZE));
    }

    private static byte[] digestAround(byte[] block, int pos, byte[] key, int keyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            mac.update(block, 0, pos);
            mac.update(block, pos + DIGEST, SIZE - pos - DIGEST);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, int keyLength, byte[] data, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

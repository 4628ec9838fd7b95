package live.blossom.sale.payment;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the raw callback body, sent by the payment provider as
 * {@code X-Blossom-Signature: sha256=<hex>}. Compared in constant time.
 */
public final class PaymentSignature {

    public static final String HEADER = "X-Blossom-Signature";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    public PaymentSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value for a body: what the provider sends and what tests and tools use. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    public boolean verify(Buffer body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = mac(body == null ? new byte[0] : body.getBytes());
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}

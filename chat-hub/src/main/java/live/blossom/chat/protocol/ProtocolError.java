package live.blossom.chat.protocol;

/**
 * A client frame that cannot be served, as the client will see it in an {@code error} frame:
 * a stable code and a sentence. {@code retryAfterMs} is set for rate limits (else 0).
 */
public final class ProtocolError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final long retryAfterMs;

    public ProtocolError(String code, String message) {
        this(code, message, 0);
    }

    public ProtocolError(String code, String message, long retryAfterMs) {
        super(message, null, false, false); // an expected outcome: no stack trace
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public String code() {
        return code;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }
}

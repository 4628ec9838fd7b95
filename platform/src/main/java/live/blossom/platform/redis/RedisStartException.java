package live.blossom.platform.redis;

/** Redis could not be started; the message says why in one line. */
public final class RedisStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisStartException(String message) {
        super(message);
    }

    public RedisStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

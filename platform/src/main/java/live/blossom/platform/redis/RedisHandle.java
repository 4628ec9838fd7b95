package live.blossom.platform.redis;

/** A Redis the platform talks to: one it launched, or one named by URL. */
public interface RedisHandle extends AutoCloseable {

    /** Lettuce URI of the server, e.g. {@code redis://127.0.0.1:6390}. */
    String uri();

    @Override
    void close();

    /** A Redis named by {@code REDIS_URL}: nothing to start or stop. */
    static RedisHandle external(String uri) {
        return new RedisHandle() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public void close() {
            }
        };
    }
}

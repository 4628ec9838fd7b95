package live.blossom.platform.bootstrap;

/**
 * A plane of Blossom (stream edge, chat hub, sale engine, booking) as the platform starts it:
 * in the order given, before the HTTP front listens, so every route is in place on the first request.
 */
public interface BlossomModule {

    /** Short name for logs, e.g. {@code sale}. */
    String name();

    /** Adds routes, opens connections, starts servers; may block. Throwing aborts start-up. */
    void start(PlatformContext ctx) throws Exception;

    /** Releases what start took, in reverse module order. */
    default void stop() {
    }
}

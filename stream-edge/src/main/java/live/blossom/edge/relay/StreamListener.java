package live.blossom.edge.relay;

/** Told when streams start and end (HLS, recordings and thumbnails attach through it). */
public interface StreamListener {

    void started(LiveStream stream);

    default void ended(LiveStream stream) {
    }
}

package live.blossom.edge.rtmp;

/** A message type this edge does not use (shared objects, aggregates): its header only, payload dropped. */
public record UnknownMessage(int typeId, int streamId, long timestamp, int length) implements RtmpMessage {
}

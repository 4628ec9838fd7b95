package live.blossom.edge.rtmp;

/**
 * @param host           address the RTMP server binds
 * @param port           RTMP port (0 = a free one)
 * @param app            the application publishers and players connect to ("live")
 * @param chunkSize      chunk size this server writes with (announced at connect)
 * @param windowAckSize  acknowledgement window announced to peers
 * @param maxChunkSize   largest chunk size a peer may announce
 * @param maxMessageSize largest message a peer may send
 * @param maxChunkStreams chunk streams a peer may use at once
 * @param writeBufferLow  write-buffer low watermark of a player connection
 * @param writeBufferHigh write-buffer high watermark of a player connection (over it: skip to the next keyframe)
 * @param sendBuffer      kernel send buffer of each connection (0 = OS default)
 * @param idleSeconds     a publisher (or a connection that has not started playing) silent this long is dropped
 */
public record RtmpSettings(String host, int port, String app, int chunkSize, int windowAckSize, int maxChunkSize,
        int maxMessageSize, int maxChunkStreams, int writeBufferLow, int writeBufferHigh, int sendBuffer, int idleSeconds) {

    public static RtmpSettings defaults() {
        return new RtmpSettings("0.0.0.0", 1935, "live", 60_000, 2_500_000, ChunkDecoder.DEFAULT_MAX_CHUNK_SIZE,
                ChunkDecoder.DEFAULT_MAX_MESSAGE_SIZE, ChunkDecoder.DEFAULT_MAX_CHUNK_STREAMS, 256 * 1024, 512 * 1024, 0, 15);
    }
}

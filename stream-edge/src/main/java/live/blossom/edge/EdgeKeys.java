package live.blossom.edge;

import live.blossom.platform.config.ConfigKey;

/** Configuration of the media plane. */
public final class EdgeKeys {

    public static final ConfigKey RTMP_HOST = ConfigKey.of("edge.rtmp.host", "0.0.0.0", "Address the RTMP server binds.");
    public static final ConfigKey RTMP_PORT = ConfigKey.of("edge.rtmp.port", "1935", "RTMP ingest and play port (0 = a free port).");
    public static final ConfigKey RTMP_APP = ConfigKey.of("edge.rtmp.app", "live", "RTMP application name publishers and players use.");
    public static final ConfigKey RTMP_THREADS = ConfigKey.of("edge.rtmp.threads", "0", "Event loops for RTMP connections (0 = one per core).");
    public static final ConfigKey RTMP_TRANSPORT = ConfigKey.of("edge.rtmp.transport", "io_uring,epoll,nio",
            "Socket transport of the RTMP loops (ingest and RTMP viewers): the first of the list that loads here; one name requires it.");
    public static final ConfigKey RTMP_CHUNK_SIZE = ConfigKey.of("edge.rtmp.chunk-size", "60000", "Chunk size the edge writes RTMP with.");
    public static final ConfigKey RTMP_MAX_MESSAGE = ConfigKey.of("edge.rtmp.max-message-bytes", "8388608", "Largest RTMP message a peer may send.");
    public static final ConfigKey RTMP_IDLE = ConfigKey.of("edge.rtmp.idle-timeout", "15s", "A publisher silent this long is treated as dropped.");
    public static final ConfigKey PUBLIC_RTMP_URL = ConfigKey.of("edge.rtmp.public-url", "", "Ingest URL shown to merchants (default rtmp://<http host>:<rtmp port>/<app>).");
    public static final ConfigKey GOP_MAX_BYTES = ConfigKey.of("edge.relay.gop-max-bytes", "8388608", "Largest GOP kept for instant start.");
    public static final ConfigKey GOP_MAX_DURATION = ConfigKey.of("edge.relay.gop-max-duration", "10s", "Longest GOP kept for instant start.");
    public static final ConfigKey MERGE_WINDOW = ConfigKey.of("edge.relay.merge-window", "40ms", "Longest a tag waits for viewers: a batch goes when a video tag arrives, or this long after its first tag (one write and flush per viewer per batch).");
    public static final ConfigKey VIDEO_ENDS_BATCH = ConfigKey.of("edge.relay.video-ends-batch", "true", "A video tag sends its batch at once (the least latency); false: batches go only when the merge window ends, so a longer window means fewer writes and less CPU per viewer, for up to one window of added latency.");
    public static final ConfigKey STUCK_LIMIT = ConfigKey.of("edge.viewer.stuck-limit", "10s", "A viewer that cannot take data this long is disconnected.");
    public static final ConfigKey WRITE_LOW = ConfigKey.of("edge.viewer.write-buffer-low", "262144", "Viewer write-buffer low watermark in bytes.");
    public static final ConfigKey WRITE_HIGH = ConfigKey.of("edge.viewer.write-buffer-high", "524288", "Viewer write-buffer high watermark in bytes; above it the viewer skips to the next keyframe.");
    public static final ConfigKey SEND_BUFFER = ConfigKey.of("edge.viewer.socket-send-buffer", "0", "Kernel send buffer of a viewer socket in bytes (0 = the OS default); bounds kernel memory per viewer.");
    public static final ConfigKey GRACE = ConfigKey.of("edge.publish.grace", "30s", "Viewers stay attached this long after the publisher's connection drops.");
    public static final ConfigKey HLS_ENABLED = ConfigKey.of("edge.hls.enabled", "true", "Produce HLS for each live stream (FFmpeg remux, no re-encoding).");
    public static final ConfigKey HLS_SEGMENT = ConfigKey.of("edge.hls.segment", "1s", "Target HLS segment length (segments start on keyframes).");
    public static final ConfigKey HLS_WINDOW = ConfigKey.of("edge.hls.window", "6", "Segments in the HLS playlist; older ones are deleted.");
    public static final ConfigKey RECORD_ENABLED = ConfigKey.of("edge.record.enabled", "true", "Record every broadcast (FLV while live, MP4 after).");
    public static final ConfigKey THUMBNAIL_INTERVAL = ConfigKey.of("edge.thumbnail.interval", "10s", "How often a live stream's thumbnail is refreshed (0 = never).");

    private EdgeKeys() {
    }
}

package live.blossom.chat;

import live.blossom.platform.config.ConfigKey;

/** Configuration keys of the chat plane. */
public final class ChatKeys {

    private ChatKeys() {
    }

    public static final ConfigKey TEXT_MAX_CHARS = ConfigKey.of("chat.text-max-chars", "300",
            "Longest chat message in characters (after control characters are removed); longer ones are refused.");
    public static final ConfigKey FRAME_MAX_BYTES = ConfigKey.of("chat.frame-max-bytes", "4096",
            "Largest client WebSocket frame in bytes; a larger one closes the connection with 1009.");
    public static final ConfigKey RING_CAPACITY = ConfigKey.of("chat.ring-capacity", "10000",
            "Messages kept per room in the cluster-wide Hazelcast ring buffer (history and recovery depth).");
    public static final ConfigKey RING_RETIRE_AFTER = ConfigKey.of("chat.ring-retire-after", "30m",
            "How long a room's ring outlives its last use (a node reading or writing it); then it is destroyed and the room's sequence starts again at 0.");
    public static final ConfigKey BATCH_WINDOW = ConfigKey.of("chat.batch-window", "100ms",
            "Shortest fan-out window: a small room gets at most one batch frame per window.");
    public static final ConfigKey BATCH_WINDOW_MAX = ConfigKey.of("chat.batch-window-max", "1s",
            "Longest fan-out window, reached when a node carries many viewers.");
    public static final ConfigKey NODE_FRAME_BUDGET = ConfigKey.of("chat.node-frame-budget", "100000",
            "Batch frames per second this node aims to write in all; windows grow with local viewers to stay under it.");
    public static final ConfigKey READABLE_RATE = ConfigKey.of("chat.readable-rate", "50",
            "Ordinary messages per second per room shown in full; above it they are sampled and the skipped ones counted.");
    public static final ConfigKey ROOM_IDLE_CLOSE = ConfigKey.of("chat.room-idle-close", "60s",
            "How long a room without viewers on this node keeps its feed (ring reader, recent batches) before the node closes it.");
    public static final ConfigKey STALL_TIMEOUT = ConfigKey.of("chat.stall-timeout", "15s",
            "How long a viewer may stay unwritable (missing batches) before it is disconnected as too slow.");
    public static final ConfigKey WRITE_HIGH_WATER = ConfigKey.of("chat.write-high-water", "32768",
            "Bytes queued for one viewer above which it counts as not writable and misses batches.");
    public static final ConfigKey SOCKET_SEND_BUFFER = ConfigKey.of("chat.socket-send-buffer", "65536",
            "Kernel send buffer (SO_SNDBUF) of each chat socket in bytes, so a stalled viewer cannot pin megabytes; 0 keeps the system's autotuning.");
    public static final ConfigKey DEFLATE_MIN_BYTES = ConfigKey.of("chat.deflate-min-bytes", "2048",
            "Batches of at least this many bytes go compressed (permessage-deflate, shared by all viewers) to clients that offer it; -1 turns compression off.");
    public static final ConfigKey RATE_LIMIT_COUNT = ConfigKey.of("chat.rate-limit.count", "20",
            "Messages a user may send per rate-limit period, over all of the user's connections in the cluster.");
    public static final ConfigKey RATE_LIMIT_PERIOD = ConfigKey.of("chat.rate-limit.period", "30s",
            "Sliding period of the per-user rate limit.");
    public static final ConfigKey PRESENCE_INTERVAL = ConfigKey.of("chat.presence-interval", "2s",
            "How often viewer counts are summed over the cluster and pushed to the room.");
    public static final ConfigKey INBOUND_FRAMES_PER_SECOND = ConfigKey.of("chat.inbound-frames-per-second", "20",
            "Client frames per second a connection may send (any type) before it is closed with 1008.");
    public static final ConfigKey JOINS_PER_MINUTE = ConfigKey.of("chat.joins-per-minute", "30",
            "Rooms a connection may join a minute (at most that many at once, then one every 60/N s); more get a too_many_joins error with when to retry.");
    public static final ConfigKey RECENT_ITEMS = ConfigKey.of("chat.recent-items", "2000",
            "Recently fanned-out items each node keeps per room to answer reconnects without reading the ring.");
}

package live.blossom.platform.config;

/** Configuration keys of the platform: HTTP front, data, Redis, cluster, security. */
public final class PlatformKeys {

    private PlatformKeys() {
    }

    public static final ConfigKey HTTP_HOST = ConfigKey.of("http.host", "0.0.0.0",
            "Address the HTTP front (pages, API, chat, HTTP-FLV, HLS) listens on.");
    public static final ConfigKey HTTP_PORT = ConfigKey.of("http.port", "8080",
            "Port of the HTTP front; 0 picks a free one.");
    public static final ConfigKey HTTP_INSTANCES = ConfigKey.of("http.instances", "0",
            "HTTP server instances (event loops serving HTTP); 0 means one per core.");
    public static final ConfigKey HTTP_TRANSPORT = ConfigKey.of("http.transport", "epoll,nio",
            "Socket transport of the HTTP front (chat, HTTP-FLV, API): the first of the list that loads here (io_uring, epoll, nio); one name requires it.");
    public static final ConfigKey HTTP_BODY_LIMIT = ConfigKey.of("http.body-limit", "16384",
            "Largest accepted request body in bytes; larger bodies get 413.");
    public static final ConfigKey DATA_DIR = ConfigKey.of("data.dir", "./data",
            "Directory for Redis data (AOF), recordings, HLS segments and generated secrets.");
    public static final ConfigKey REDIS_URL = ConfigKey.withEnv("redis.url", "REDIS_URL", "",
            "Redis to use, e.g. redis://host:6379; empty starts one through the launcher.");
    public static final ConfigKey REDIS_APPENDFSYNC = ConfigKey.of("redis.appendfsync", "always",
            "AOF fsync policy of a launched Redis: always (no acknowledged order lost) or everysec (up to 1 s of orders at risk, faster).");
    public static final ConfigKey REDIS_BINARY = ConfigKey.of("redis.binary", "",
            "Path of a redis-server binary to launch; empty looks on PATH, then uses the one shipped in the embedded-redis package.");
    public static final ConfigKey REDIS_TIMEOUT = ConfigKey.of("redis.command-timeout", "300ms",
            "How long a request waits for Redis before it is answered 503 with Retry-After.");
    public static final ConfigKey CLUSTER_MEMBERS = ConfigKey.of("cluster.members", "",
            "Comma-separated host:port list of Hazelcast members; empty runs a single member on loopback.");
    public static final ConfigKey CLUSTER_PORT = ConfigKey.of("cluster.port", "5701",
            "First port this Hazelcast member tries; it counts upwards when taken.");
    public static final ConfigKey CLUSTER_HOST = ConfigKey.of("cluster.host", "127.0.0.1",
            "Interface address Hazelcast binds and advertises.");
    public static final ConfigKey JWT_SECRET = ConfigKey.of("jwt.secret", "",
            "HS256 secret that signs and verifies tokens (at least 32 bytes); empty generates one under data.dir (demo only).");
    public static final ConfigKey JWT_ISSUER = ConfigKey.of("jwt.issuer", "blossom",
            "Issuer claim written into and required of every token.");
    public static final ConfigKey JWT_TTL = ConfigKey.of("jwt.ttl", "12h",
            "Lifetime of tokens issued by the dev login.");
}

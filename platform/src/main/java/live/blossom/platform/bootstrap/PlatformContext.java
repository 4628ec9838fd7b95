package live.blossom.platform.bootstrap;

import com.hazelcast.core.HazelcastInstance;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.health.HealthChecks;
import live.blossom.platform.http.ChannelRoutes;
import live.blossom.platform.metrics.Metrics;

/** What the platform hands each module: shared runtime, HTTP router, Redis, cluster, security, metrics. */
public interface PlatformContext {

    Vertx vertx();

    BlossomConfig config();

    /** The HTTP front's router; {@code /api/*} routes already have the JSON body handler with its limit. */
    Router router();

    /** Paths of the HTTP front served by plain Netty handlers instead of the router (media, chat sockets). */
    ChannelRoutes channelRoutes();

    Authentication auth();

    Metrics metrics();

    HealthChecks health();

    /** Lettuce client for the platform's Redis, with fail-fast options (see {@code redis.command-timeout}). */
    RedisClient redisClient();

    RedisURI redisUri();

    HazelcastInstance hazelcast();

    /** Where this node keeps files (recordings, HLS segments, secrets). */
    Path dataDir();

    /** True under {@code blossom demo}: dev login and seeding are allowed. */
    boolean demoMode();
}

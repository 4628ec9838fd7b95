package live.blossom.platform.bootstrap;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Timer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.TokenAuthority;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.platform.health.HealthChecks;
import live.blossom.platform.http.ChannelRoutes;
import live.blossom.platform.http.ErrorResponses;
import live.blossom.platform.metrics.Metrics;
import live.blossom.platform.redis.RedisHandle;
import live.blossom.platform.redis.RedisLauncher;
import live.blossom.platform.redis.RedisServerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Blossom node: Redis (launched or external), a clustered Vert.x on Hazelcast, the
 * token authority, the modules in order, then the HTTP front. {@link #close()} stops it all in
 * reverse.
 */
public final class Platform implements PlatformContext, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final BlossomConfig config;
    private final boolean demoMode;
    private final Path dataDir;
    private final Metrics metrics = new Metrics();
    private final HealthChecks health = new HealthChecks();
    private final ChannelRoutes channelRoutes = new ChannelRoutes();
    private final List<BlossomModule> started = new ArrayList<>();
    private RedisHandle redis;
    private RedisClient redisClient;
    private RedisURI redisUri;
    private StatefulRedisConnection<String, String> healthConnection;
    private HazelcastClusterManager clusterManager;
    private Vertx vertx;
    private NetTransport transport;
    private Router router;
    private Authentication auth;
    private int httpPort;

    private Platform(BlossomConfig config, boolean demoMode) {
        this.config = config;
        this.demoMode = demoMode;
        this.dataDir = Path.of(config.string(PlatformKeys.DATA_DIR)).toAbsolutePath().normalize();
    }

    /** Starts a node with the given modules; blocks until it serves HTTP or throws why it cannot. */
    public static Platform start(BlossomConfig config, boolean demoMode, List<? extends BlossomModule> modules) {
        Platform platform = new Platform(config, demoMode);
        try {
            platform.startAll(modules);
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(List<? extends BlossomModule> modules) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        redis = RedisLauncher.forConfig(config);
        if (redis instanceof RedisServerProcess launched) {
            // close() stops Redis after the modules and Vert.x: their last writes still land.
            launched.closedByOwner();
        }
        redisUri = RedisURI.create(redis.uri());
        Duration timeout = config.duration(PlatformKeys.REDIS_TIMEOUT);
        // Connecting may take longer than one command on a busy machine; commands keep their own timeout.
        redisUri.setTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : timeout);
        redisClient = RedisClient.create(redisUri);
        redisClient.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while Redis is away instead of queueing requests without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(20_000)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        healthConnection = redisClient.connect();

        clusterManager = ClusterSetup.clusterManager(config);
        transport = NetTransport.firstAvailable(config.string(PlatformKeys.HTTP_TRANSPORT));
        VertxOptions options = new VertxOptions()
                .setEventBusOptions(new EventBusOptions().setHost(config.string(PlatformKeys.CLUSTER_HOST)).setPort(0));
        vertx = await(Vertx.builder().with(options).withTransport(transport.vertx()).withClusterManager(clusterManager)
                .buildClustered(), "cluster");
        health.register("redis", () -> Future.fromCompletionStage(healthConnection.async().ping()));
        probeRedisLatency();
        health.register("hazelcast", () -> hazelcast().getLifecycleService().isRunning()
                ? Future.succeededFuture() : Future.failedFuture("hazelcast member is not running"));

        auth = new Authentication(TokenAuthority.create(vertx, config, demoMode));
        router = Router.router(vertx);
        ErrorResponses.install(router);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.integer(PlatformKeys.HTTP_BODY_LIMIT)));
        metrics.mount(router);
        health.mount(router);

        for (BlossomModule module : modules) {
            long t0 = System.nanoTime();
            try {
                module.start(this);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("module " + module.name() + " failed to start: " + e.getMessage(), e);
            }
            started.add(module);
            log.info("module started name={} ms={}", module.name(), (System.nanoTime() - t0) / 1_000_000);
        }

        httpPort = config.integer(PlatformKeys.HTTP_PORT);
        if (httpPort == 0) {
            httpPort = freePort();
        }
        int instances = config.integer(PlatformKeys.HTTP_INSTANCES);
        if (instances <= 0) {
            instances = Runtime.getRuntime().availableProcessors();
        }
        HttpServerOptions httpOptions = new HttpServerOptions()
                .setHost(config.string(PlatformKeys.HTTP_HOST))
                .setPort(httpPort)
                .setTcpNoDelay(true)
                .setAcceptBacklog(4096)
                .setMaxWebSocketFrameSize(65536)
                .setMaxWebSocketMessageSize(65536)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // No h2c upgrade sniffing: one handler less on every connection.
                .setHttp2ClearTextEnabled(false);
        Router shared = router;
        await(vertx.deployVerticle(() -> new HttpServerVerticle(shared, httpOptions, channelRoutes),
                new DeploymentOptions().setInstances(instances)), "http front");
        log.info("http front listening port={} instances={} transport={}", httpPort, instances, transport);
    }

    /** Pings Redis every second into {@code blossom.redis.ping}: the operators' view of Redis latency. */
    private void probeRedisLatency() {
        Timer ping = Timer.builder("blossom.redis.ping").description("Round trip of a PING to Redis")
                .publishPercentiles(0.5, 0.99).register(metrics.registry());
        vertx.setPeriodic(1000, id -> {
            long t0 = System.nanoTime();
            healthConnection.async().ping().thenRun(() -> ping.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS));
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks on a Vert.x future during start-up. */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public ChannelRoutes channelRoutes() {
        return channelRoutes;
    }

    /** The port the HTTP front listens on. */
    public int httpPort() {
        return httpPort;
    }

    /** The Redis this node uses (a launched process can be killed and restarted by tests). */
    public RedisHandle redis() {
        return redis;
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public BlossomConfig config() {
        return config;
    }

    @Override
    public Router router() {
        return router;
    }

    @Override
    public Authentication auth() {
        return auth;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public HealthChecks health() {
        return health;
    }

    @Override
    public RedisClient redisClient() {
        return redisClient;
    }

    @Override
    public RedisURI redisUri() {
        return redisUri;
    }

    @Override
    public HazelcastInstance hazelcast() {
        return clusterManager.getHazelcastInstance();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public boolean demoMode() {
        return demoMode;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            BlossomModule module = started.get(i);
            try {
                module.stop();
            } catch (RuntimeException e) {
                log.warn("module stop failed name={}", module.name(), e);
            }
        }
        started.clear();
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("vert.x did not close cleanly: {}", e.toString());
            }
            vertx = null;
        }
        if (healthConnection != null) {
            healthConnection.close();
        }
        if (redisClient != null) {
            redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            redisClient = null;
        }
        if (redis != null) {
            redis.close();
            redis = null;
        }
        metrics.close();
    }
}

package live.blossom.platform.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * Finds or starts the Redis the platform uses: {@code REDIS_URL} when set; else a
 * {@code redis-server} on PATH; else the binary shipped inside the embedded-redis package.
 * A launched server listens on a free loopback port, keeps its AOF under the data directory
 * with the configured fsync policy and is stopped when the JVM exits.
 */
public final class RedisLauncher {

    private static final Logger log = LoggerFactory.getLogger(RedisLauncher.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** How long the exit hook leaves Redis to an owner that closes it itself (modules, then Vert.x, then Redis). */
    private static final Duration OWNER_CLOSE_GRACE = Duration.ofSeconds(30);

    private RedisLauncher() {
    }

    /** The Redis for this configuration: external when {@code redis.url} is set, otherwise launched. */
    public static RedisHandle forConfig(BlossomConfig config) {
        if (config.isSet(PlatformKeys.REDIS_URL)) {
            String uri = config.string(PlatformKeys.REDIS_URL);
            log.info("using external redis {}", uri.replaceAll("//[^@]*@", "//***@"));
            return RedisHandle.external(uri);
        }
        Path dir = Path.of(config.string(PlatformKeys.DATA_DIR)).resolve("redis");
        return launch(dir, config.string(PlatformKeys.REDIS_APPENDFSYNC), config.string(PlatformKeys.REDIS_BINARY));
    }

    /**
     * Starts a redis-server with its data in {@code dir}.
     *
     * @param appendfsync {@code always} or {@code everysec}
     * @param binary      path of a redis-server, or empty to search PATH and then the shipped binary
     */
    public static RedisServerProcess launch(Path dir, String appendfsync, String binary) {
        String policy = appendfsync.toLowerCase(Locale.ROOT);
        if (!policy.equals("always") && !policy.equals("everysec") && !policy.equals("no")) {
            throw new RedisStartException("redis.appendfsync must be always, everysec or no, not '" + appendfsync + "'");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RedisStartException("cannot create redis data directory " + dir + ": " + e.getMessage(), e);
        }
        String executable = findExecutable(binary);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(executable,
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--dir", dir.toAbsolutePath().toString(),
                "--appendonly", "yes",
                "--appendfilename", "appendonly.aof",
                "--appendfsync", policy,
                "--save", "",
                "--daemonize", "no",
                "--maxclients", "4000",
                "--loglevel", "warning"));
        RedisServerProcess process = new RedisServerProcess(command, dir, port, START_TIMEOUT);
        process.start();
        // A safety net, so that Redis does not outlive the JVM: shutdown hooks run side by side.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.closeAtExit(OWNER_CLOSE_GRACE), "redis-stop"));
        return process;
    }

    private static String findExecutable(String configured) {
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new RedisStartException("redis.binary " + configured + " is not an executable file");
            }
            return configured;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                Path candidate = Path.of(entry, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        try {
            return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        } catch (IOException | RuntimeException e) {
            throw new RedisStartException("no redis-server on PATH and the embedded one could not be unpacked: "
                    + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package live.blossom.platform.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redis-server child process started by {@link RedisLauncher}. It can be stopped gracefully,
 * killed with SIGKILL (what the durability tests do) and started again on the same port and data.
 */
public final class RedisServerProcess implements RedisHandle {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);

    private final List<String> command;
    private final Path dir;
    private final int port;
    private final Duration startTimeout;
    private volatile Process process;
    private volatile boolean ownerCloses;

    RedisServerProcess(List<String> command, Path dir, int port, Duration startTimeout) {
        this.command = List.copyOf(command);
        this.dir = dir;
        this.port = port;
        this.startTimeout = startTimeout;
    }

    synchronized void start() {
        Path logFile = dir.resolve("redis.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RedisStartException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        RedisPing.awaitReady("127.0.0.1", port, startTimeout, process, logFile);
        log.info("redis started pid={} port={} dir={}", process.pid(), port, dir);
    }

    @Override
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no chance to flush anything beyond what the fsync policy already wrote. */
    public synchronized void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            waitFor(p);
            log.warn("redis killed pid={}", p.pid());
        }
    }

    /** Starts again on the same port and data directory, replaying the AOF. */
    public synchronized void restart() {
        kill();
        start();
    }

    @Override
    public synchronized void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy(); // SIGTERM: redis finishes the AOF write and exits
            if (!waitFor(p)) {
                p.destroyForcibly();
                waitFor(p);
            }
            log.info("redis stopped pid={}", p.pid());
        }
    }

    /**
     * Says that whoever runs this server closes it in its own shutdown, after its last writes. The
     * JVM's exit hook, which runs beside the owner's, then waits for that close (at most
     * {@code grace}) instead of stopping Redis under the owner's last writes.
     */
    public void closedByOwner() {
        this.ownerCloses = true;
    }

    /** What the JVM's exit hook does: stop Redis, once its owner had its chance to. */
    void closeAtExit(Duration grace) {
        Process p = process;
        if (ownerCloses && p != null) {
            try {
                p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    private static boolean waitFor(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

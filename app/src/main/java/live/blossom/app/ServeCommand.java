package live.blossom.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A production node: configuration from file and environment, no seeding, no demo accounts. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a node from a config file and the environment (external Redis, cluster members, JWT secret).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file; see docs/configuration.md.")
    Path configFile;

    @Option(names = "--roles", split = ",", paramLabel = "ROLE",
            description = "Planes this node runs: edge, chat, sale, booking (default: all).")
    Set<String> roles = new LinkedHashSet<>(Arrays.asList("edge", "chat", "sale", "booking"));

    @Option(names = "--cluster", paramLabel = "MEMBERS",
            description = "Hazelcast members host:port,host:port (overrides cluster.members).")
    String cluster;

    @Override
    public Integer call() throws InterruptedException {
        BlossomConfig config = BlossomConfig.load(configFile);
        if (cluster != null) {
            config = config.with(PlatformKeys.CLUSTER_MEMBERS, cluster);
        }
        Platform platform = Platform.start(config, false, NodeModules.forRoles(roles));
        log.info("blossom serving roles={} http={}", roles, platform.httpPort());
        awaitShutdown(platform);
        return 0;
    }

    /** Blocks until the JVM is asked to stop, then closes the node (Redis and FFmpeg included). */
    static void awaitShutdown(Platform platform) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "blossom-stop"));
        stopped.await();
    }
}

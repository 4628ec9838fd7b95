package live.blossom.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Everything in one JVM on embedded defaults, with a seeded world. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every plane in one process on embedded defaults (Redis launched, single Hazelcast member).")
final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--data", description = "Data directory (default ${DEFAULT-VALUE}).", defaultValue = "./data")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        BlossomConfig config = BlossomConfig.load(null)
                .with(PlatformKeys.HTTP_PORT, port)
                .with(PlatformKeys.DATA_DIR, data.toString());
        Platform platform = Platform.start(config, true, NodeModules.forRoles(NodeModules.ROLES));
        log.info("blossom demo ready: http://localhost:{}/", platform.httpPort());
        ServeCommand.awaitShutdown(platform);
        return 0;
    }
}

package live.blossom.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import live.blossom.app.demo.Demo;
import live.blossom.platform.config.BlossomConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Everything in one JVM on embedded defaults, with a seeded world and a synthetic broadcast. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every plane in one process on embedded defaults (Redis launched, single Hazelcast member),"
                + " seed a world and broadcast a test pattern.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--rtmp-port", description = "RTMP port (default ${DEFAULT-VALUE}).", defaultValue = "1935")
    int rtmpPort;

    @Option(names = "--data", description = "Data directory (default ${DEFAULT-VALUE}).", defaultValue = "./data")
    Path data;

    @Option(names = "--bots", description = "Chat bots talking in the demo room (default ${DEFAULT-VALUE}).",
            defaultValue = "6")
    int bots;

    @Option(names = "--sale-opens-in", description = "Seconds until the demo flash sale opens (default ${DEFAULT-VALUE}).",
            defaultValue = "60")
    int saleOpensIn;

    @Override
    public Integer call() throws InterruptedException {
        Demo demo = Demo.start(BlossomConfig.load(null),
                new Demo.DemoOptions(data, port, rtmpPort, Duration.ofSeconds(saleOpensIn), bots));
        spec.commandLine().getOut().println(demo.banner());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "blossom-stop"));
        stopped.await();
        return 0;
    }
}

package live.blossom.load.sale;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.sale.SaleKeys;
import live.blossom.sale.SaleModule;

/**
 * The server under test of the sale benchmark: one node with the sale engine only, its Redis
 * started by the launcher (AOF, appendfsync always). Writes its ports to a file and runs until
 * SIGTERM. Args: DATA_DIR JWT_SECRET INFO_FILE.
 */
public final class SaleBenchServer {

    private SaleBenchServer() {
    }

    /**
     * The platform connects to Redis within redis.command-timeout (300 ms); a cold JVM on a busy
     * machine can miss that on its very first connection, so start-up is tried up to three times.
     */
    private static Platform start(BlossomConfig config) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Platform.start(config, false, List.of(new SaleModule()));
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dataDir = Path.of(args[0]);
        BlossomConfig config = BlossomConfig.load(null)
                .with(PlatformKeys.DATA_DIR, dataDir.toString())
                .with(PlatformKeys.HTTP_HOST, "127.0.0.1")
                .with(PlatformKeys.HTTP_PORT, 0)
                .with(PlatformKeys.JWT_SECRET, args[1])
                .with(PlatformKeys.CLUSTER_PORT, 5901)
                // every simulated buyer comes from 127.0.0.1: the address limit would measure itself
                .with(SaleKeys.IP_RATE, 10_000_000)
                .with(SaleKeys.PAYMENT_SECRET, "bench-payment-secret-0123456789abcdef");
        Platform platform = start(config);
        URI redis = URI.create(platform.redis().uri());
        Files.writeString(Path.of(args[2]), "HTTP_PORT=" + platform.httpPort() + "\nREDIS_PORT=" + redis.getPort() + "\n");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "bench-stop"));
        stopped.await();
    }
}

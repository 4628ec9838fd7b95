package live.blossom.app.demo;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.edge.EdgeKeys;
import live.blossom.sale.SaleKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blossom demo}: every plane in one JVM on embedded defaults, a seeded world and a
 * synthetic broadcast published through the real RTMP path with the demo booking's key.
 * Tests start it the same way on free ports.
 */
public final class Demo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    /**
     * @param dataDir     where Redis, recordings and HLS segments live
     * @param httpPort    HTTP port, 0 for a free one
     * @param rtmpPort    RTMP port, 0 for a free one
     * @param saleOpensIn how long after start the demo flash sale opens
     * @param bots        chat bots that talk in the demo room
     */
    public record DemoOptions(Path dataDir, int httpPort, int rtmpPort, Duration saleOpensIn, int bots) {
    }

    private final Platform platform;
    private final DemoWorld.Seeded world;
    private final DemoBroadcast broadcast;
    private final ChatBots bots;
    private final int rtmpPort;

    private Demo(Platform platform, DemoWorld.Seeded world, DemoBroadcast broadcast, ChatBots bots, int rtmpPort) {
        this.platform = platform;
        this.world = world;
        this.broadcast = broadcast;
        this.bots = bots;
        this.rtmpPort = rtmpPort;
    }

    public static Demo start(DemoOptions options) {
        return start(BlossomConfig.load(null), options);
    }

    /** Starts the demo on top of a configuration (environment and file already applied). */
    public static Demo start(BlossomConfig base, DemoOptions options) {
        BlossomConfig config = base
                .with(PlatformKeys.HTTP_PORT, options.httpPort())
                .with(PlatformKeys.DATA_DIR, options.dataDir().toString())
                .with(EdgeKeys.RTMP_PORT, options.rtmpPort());
        if (!config.isSet(SaleKeys.PAYMENT_SECRET)) {
            // The demo payment step signs callbacks with the same secret the sale engine checks.
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            config = config.with(SaleKeys.PAYMENT_SECRET, HexFormat.of().formatHex(secret));
        }
        AtomicInteger httpPort = new AtomicInteger();
        live.blossom.app.NodeModules.Node node = live.blossom.app.NodeModules.node(live.blossom.app.NodeModules.ROLES);
        List<BlossomModule> modules = new ArrayList<>(node.modules());
        modules.add(new DevLogin());
        modules.add(new DevPayment(config.string(SaleKeys.PAYMENT_SECRET), httpPort::get));

        Platform platform = Platform.start(config, true, modules);
        DemoBroadcast broadcast = null;
        ChatBots bots = null;
        try {
            httpPort.set(platform.httpPort());
            DemoWorld.Seeded world = new DemoWorld(new SeedClient(platform.httpPort()), platform.auth().tokens())
                    .seed(options.saleOpensIn());
            int rtmp = node.edge().rtmpPort();
            broadcast = new DemoBroadcast("rtmp://127.0.0.1:" + rtmp + "/live/" + world.room() + "?key=" + world.streamKey(),
                    640, 360, 25, DemoWorld.ZONE);
            broadcast.start();
            bots = new ChatBots(platform.vertx());
            if (options.bots() > 0) {
                bots.start(options.bots(), platform.httpPort(), world.room(), platform.auth().tokens());
            }
            return new Demo(platform, world, broadcast, bots, rtmp);
        } catch (RuntimeException e) {
            if (broadcast != null) {
                broadcast.close();
            }
            if (bots != null) {
                bots.close();
            }
            platform.close();
            throw e;
        }
    }

    public Platform platform() {
        return platform;
    }

    public int httpPort() {
        return platform.httpPort();
    }

    public int rtmpPort() {
        return rtmpPort;
    }

    /** The live room of the synthetic broadcast. */
    public String room() {
        return world.room();
    }

    /** The demo flash sale in that room. */
    public String saleId() {
        return world.saleId();
    }

    public String title() {
        return world.title();
    }

    public DemoBroadcast broadcast() {
        return broadcast;
    }

    /** What the console shows after start. */
    public String banner() {
        String base = "http://localhost:" + httpPort();
        StringBuilder b = new StringBuilder();
        b.append("\n  Blossom demo is live.\n\n")
         .append("  Watch:     ").append(base).append("/watch/").append(room()).append('\n')
         .append("  Live now:  ").append(base).append("/\n")
         .append("  Host:      ").append(base).append("/host\n")
         .append("  Merchant:  ").append(base).append("/merchant\n")
         .append("  Admin:     ").append(base).append("/admin\n")
         .append("  RTMP:      rtmp://localhost:").append(rtmpPort).append("/live  (OBS: server; stream key from /host)\n\n")
         .append("  Demo accounts (pick one with \"Sign in\" at the top of any page):\n");
        DevLogin.ACCOUNTS.forEach((account, a) -> b.append("    ").append(String.format("%-10s", account))
                .append(a.name()).append("  ").append(a.roles()).append('\n'));
        b.append("\n  The flash sale on ").append("yak milk opens about ")
         .append("a minute after start. Stop with Ctrl-C.\n");
        return b.toString();
    }

    @Override
    public void close() {
        log.info("demo stopping");
        bots.close();
        broadcast.close();
        platform.close();
    }
}

package live.blossom.edge;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.List;
import live.blossom.edge.hls.HlsService;
import live.blossom.edge.http.MediaRoutes;
import live.blossom.edge.media.Recorder;
import live.blossom.edge.media.Thumbnails;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.flv.FlvFormat;
import live.blossom.edge.flv.FlvPlayRoutes;
import live.blossom.edge.http.StreamListRoutes;
import live.blossom.edge.publish.PublishAuthorizer;
import live.blossom.edge.publish.StreamKeyRoutes;
import live.blossom.edge.publish.StreamKeyStore;
import live.blossom.edge.relay.RelaySettings;
import live.blossom.edge.relay.StreamRegistry;
import live.blossom.edge.rtmp.ChunkDecoder;
import live.blossom.edge.rtmp.RtmpFormat;
import live.blossom.edge.rtmp.RtmpServer;
import live.blossom.edge.rtmp.RtmpSettings;
import live.blossom.edge.rtmp.Transport;
import live.blossom.platform.bootstrap.NetTransport;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane: RTMP ingest and play on its own Netty event loops, the relay, and the
 * HTTP-FLV, WS-FLV and HLS outputs plus the stream API on the platform's router. Wires each
 * part once; the parts know nothing of each other beyond the relay.
 */
public final class EdgeModule implements BlossomModule {

    private static final Logger log = LoggerFactory.getLogger(EdgeModule.class);
    /** Index of each output's shared encoding on a MediaTag. */
    private static final int FLV = 0;
    private static final int RTMP = 1;

    private final PublishAuthorizer authorizerOverride;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private RtmpServer rtmp;
    private StreamRegistry registry;
    private io.lettuce.core.api.StatefulRedisConnection<String, String> redis;
    private HlsService hls;
    private Recorder recorder;
    private Thumbnails thumbnails;

    public EdgeModule() {
        this(null);
    }

    /** With an authorizer that replaces the edge's own stream-key store (e.g. booking grants). */
    public EdgeModule(PublishAuthorizer authorizer) {
        this.authorizerOverride = authorizer;
    }

    @Override
    public String name() {
        return "edge";
    }

    @Override
    public void start(PlatformContext ctx) throws Exception {
        BlossomConfig config = ctx.config();
        RtmpSettings rtmpSettings = new RtmpSettings(config.string(EdgeKeys.RTMP_HOST), config.integer(EdgeKeys.RTMP_PORT),
                config.string(EdgeKeys.RTMP_APP), config.integer(EdgeKeys.RTMP_CHUNK_SIZE), 2_500_000,
                ChunkDecoder.DEFAULT_MAX_CHUNK_SIZE, config.integer(EdgeKeys.RTMP_MAX_MESSAGE),
                ChunkDecoder.DEFAULT_MAX_CHUNK_STREAMS, config.integer(EdgeKeys.WRITE_LOW), config.integer(EdgeKeys.WRITE_HIGH),
                config.integer(EdgeKeys.SEND_BUFFER), (int) Math.max(1, config.duration(EdgeKeys.RTMP_IDLE).toSeconds()));
        RelaySettings relay = new RelaySettings(config.longValue(EdgeKeys.GOP_MAX_BYTES),
                config.duration(EdgeKeys.GOP_MAX_DURATION), config.duration(EdgeKeys.MERGE_WINDOW),
                config.bool(EdgeKeys.VIDEO_ENDS_BATCH), config.duration(EdgeKeys.STUCK_LIMIT), config.duration(EdgeKeys.GRACE));
        registry = new StreamRegistry(relay, List.of(new FlvFormat(), new RtmpFormat(rtmpSettings.chunkSize())),
                PooledByteBufAllocator.DEFAULT);

        PublishAuthorizer authorizer = authorizerOverride;
        String publicUrl = config.string(EdgeKeys.PUBLIC_RTMP_URL);
        if (authorizer == null) {
            redis = connectRedis(ctx);
            StreamKeyStore store = new StreamKeyStore(redis);
            authorizer = store;
            // Routes are registered before the RTMP port is known; the URL is completed lazily below.
            StreamKeyRoutes keys = new StreamKeyRoutes(store, () -> publicUrl.isBlank()
                    ? "rtmp://" + advertisedHost(config) + ":" + rtmp.port() + "/" + rtmpSettings.app() : publicUrl);
            keys.mount(ctx.router(), ctx.auth());
        }
        new StreamListRoutes(registry).mount(ctx.router());
        new FlvPlayRoutes(registry, FLV, rtmpSettings.writeBufferLow(), rtmpSettings.writeBufferHigh(),
                rtmpSettings.sendBuffer()).mount(ctx.router(), ctx.channelRoutes());
        new EdgeMetrics(registry).bindTo(ctx.metrics().registry());
        Path media = ctx.dataDir().resolve("media");
        if (config.bool(EdgeKeys.HLS_ENABLED)) {
            hls = new HlsService(media.resolve("hls"), config.duration(EdgeKeys.HLS_SEGMENT),
                    config.integer(EdgeKeys.HLS_WINDOW), PooledByteBufAllocator.DEFAULT);
            hls.mount(ctx.router());
            registry.listen(hls);
        }
        recorder = new Recorder(media.resolve("recordings"), PooledByteBufAllocator.DEFAULT);
        if (config.bool(EdgeKeys.RECORD_ENABLED)) {
            registry.listen(recorder);
        }
        thumbnails = new Thumbnails(registry);
        long thumbEvery = config.duration(EdgeKeys.THUMBNAIL_INTERVAL).toMillis();
        if (thumbEvery > 0) {
            thumbnails.start(thumbEvery);
        }
        new MediaRoutes(thumbnails, recorder).mount(ctx.router(), ctx.auth());

        int threads = config.integer(EdgeKeys.RTMP_THREADS);
        NetTransport transport = NetTransport.firstAvailable(config.string(EdgeKeys.RTMP_TRANSPORT));
        boss = Transport.loops(1, transport.ioHandlers());
        workers = Transport.loops(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                transport.ioHandlers());
        rtmp = new RtmpServer(rtmpSettings, registry, authorizer, RTMP);
        rtmp.start(boss, workers);
        log.info("rtmp listening port={} app={} transport={}", rtmp.port(), rtmpSettings.app(), transport);
    }

    /** The platform's client fails fast by design; at start-up a busy machine deserves a few tries. */
    private static io.lettuce.core.api.StatefulRedisConnection<String, String> connectRedis(PlatformContext ctx)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return ctx.redisClient().connect();
            } catch (io.lettuce.core.RedisConnectionException e) {
                if (attempt == 10) {
                    throw e;
                }
                log.warn("redis connect attempt {} failed: {}", attempt, e.getMessage());
                Thread.sleep(200L * attempt);
            }
        }
    }

    private static String advertisedHost(BlossomConfig config) {
        String host = config.string(PlatformKeys.HTTP_HOST);
        return host.isBlank() || host.equals("0.0.0.0") ? "localhost" : host;
    }

    /** The RTMP port actually bound (useful with port 0). */
    public int rtmpPort() {
        return rtmp.port();
    }

    /** The streams on this node. */
    public StreamRegistry streams() {
        return registry;
    }

    @Override
    public void stop() {
        if (rtmp != null) {
            rtmp.close();
        }
        if (registry != null) {
            registry.shutdown();
        }
        if (hls != null) {
            hls.close();
        }
        if (thumbnails != null) {
            thumbnails.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (redis != null) {
            redis.close();
        }
    }
}

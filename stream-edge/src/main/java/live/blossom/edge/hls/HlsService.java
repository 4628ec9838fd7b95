package live.blossom.edge.hls;

import io.netty.buffer.ByteBufAllocator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.media.FlvPipe;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.StreamListener;
import live.blossom.platform.http.ApiException;

/**
 * Starts an HLS muxer for each stream that goes live and serves {@code /hls/{stream}/index.m3u8}
 * and its segments: the playlist must not be cached (it changes every segment), segments may
 * be (they never change).
 */
public final class HlsService implements StreamListener, AutoCloseable {

    private final Path root;
    private final Duration segment;
    private final int window;
    private final ByteBufAllocator alloc;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hls-muxer");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService cleanup = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hls-cleanup");
        t.setDaemon(true);
        return t;
    });

    public HlsService(Path root, Duration segment, int window, ByteBufAllocator alloc) {
        this.root = root;
        this.segment = segment;
        this.window = window;
        this.alloc = alloc;
    }

    public void mount(Router router) {
        router.getWithRegex("/hls/([a-z0-9][a-z0-9-]{0,63})/(index\\.m3u8|seg-[0-9]{5}\\.ts)").handler(this::serve);
    }

    @Override
    public void started(LiveStream stream) {
        Path dir = root.resolve(stream.name());
        HlsMuxer.deleteQuietly(dir); // leftovers of an earlier broadcast
        FlvPipe pipe = new FlvPipe(stream.loop(), "hls", 256, alloc);
        stream.attach(pipe);
        workers.execute(new HlsMuxer(stream.name(), pipe, dir, segment, window));
    }

    @Override
    public void ended(LiveStream stream) {
        if (cleanup.isShutdown()) {
            return; // the node is stopping: segments stay on disk until the next start cleans them
        }
        // Players may still fetch the last segments for a little while.
        cleanup.schedule(() -> {
            if (stream.isLive()) {
                return;
            }
            HlsMuxer.deleteQuietly(root.resolve(stream.name()));
        }, 30, TimeUnit.SECONDS);
    }

    private void serve(RoutingContext ctx) {
        String stream = ctx.pathParam("param0");
        String file = ctx.pathParam("param1");
        Path path = root.resolve(stream).resolve(file);
        boolean playlist = file.endsWith(".m3u8");
        ctx.vertx().fileSystem().exists(path.toString()).onComplete(r -> {
            if (r.failed() || !r.result()) {
                ctx.fail(ApiException.notFound("hls_not_ready", "No HLS for this stream yet; it starts a few seconds after going live."));
                return;
            }
            ctx.response()
                    .putHeader("Content-Type", playlist ? "application/vnd.apple.mpegurl" : "video/mp2t")
                    .putHeader("Cache-Control", playlist ? "no-cache" : "public, max-age=60, immutable")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .sendFile(path.toString());
        });
    }

    boolean exists(String stream) {
        return Files.exists(root.resolve(stream).resolve("index.m3u8"));
    }

    @Override
    public void close() {
        workers.shutdownNow();
        cleanup.shutdownNow();
    }
}

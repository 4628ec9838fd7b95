package live.blossom.load.edge;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.EdgeModule;
import live.blossom.edge.publish.PublishAuthorizer;
import live.blossom.edge.publish.PublishPermit;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;

/**
 * A Blossom node with only the media plane, on loopback, for the edge-fanout benchmark (its own
 * process, so that its CPU and memory are measured apart from the driver). Any key publishes;
 * HLS, recording and thumbnails are off: the benchmark measures the relay and the outputs.
 * Prints {@code READY rtmp=<port> http=<port>} and runs until its input closes.
 */
public final class EdgeBenchServer {

    private EdgeBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("edge-bench-node");
        BlossomConfig config = BlossomConfig.defaults()
                .with(PlatformKeys.HTTP_HOST, "127.0.0.1")
                .with(PlatformKeys.HTTP_PORT, 0)
                .with(PlatformKeys.HTTP_INSTANCES, 0) // production default: one per core
                .with(PlatformKeys.DATA_DIR, data.toString())
                .with(PlatformKeys.JWT_SECRET, "edge-bench-secret-edge-bench-secret-0123")
                .with(EdgeKeys.RTMP_HOST, "127.0.0.1")
                .with(EdgeKeys.RTMP_PORT, 0)
                .with(EdgeKeys.RTMP_THREADS, 0)
                .with(EdgeKeys.HLS_ENABLED, false)
                .with(EdgeKeys.RECORD_ENABLED, false)
                .with(EdgeKeys.THUMBNAIL_INTERVAL, "0s");
        String window = System.getProperty("merge.window");
        if (window != null) {
            config = config.with(EdgeKeys.MERGE_WINDOW, window);
        }
        String transport = System.getProperty("rtmp.transport");
        if (transport != null) {
            config = config.with(EdgeKeys.RTMP_TRANSPORT, transport);
        }
        String videoEndsBatch = System.getProperty("video.ends.batch");
        if (videoEndsBatch != null) {
            config = config.with(EdgeKeys.VIDEO_ENDS_BATCH, videoEndsBatch);
        }
        PublishAuthorizer anyone = (app, stream, key, remote) -> Future.succeededFuture(new PublishPermit(stream, null));
        EdgeModule edge = new EdgeModule(anyone);
        Platform platform = null;
        for (int attempt = 1; platform == null; attempt++) {
            try {
                platform = Platform.start(config, false, List.of(edge));
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                edge = new EdgeModule(anyone);
            }
        }
        System.out.println("READY rtmp=" + edge.rtmpPort() + " http=" + platform.httpPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the driver to close our input
        }
        platform.close();
        System.exit(0);
    }
}

package live.blossom.edge.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.MediaTag;
import live.blossom.edge.relay.StreamRegistry;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JPEG of each live stream's latest keyframe, refreshed on a fixed interval: the sequence
 * header and the keyframe are wrapped in a tiny FLV and decoded by FFmpeg on one worker
 * thread for all streams (one frame per stream per interval, nothing decoded in between).
 */
public final class Thumbnails implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    private final StreamRegistry registry;
    private final Map<String, byte[]> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "thumbnails");
        t.setDaemon(true);
        return t;
    });

    public Thumbnails(StreamRegistry registry) {
        this.registry = registry;
    }

    public void start(long intervalMillis) {
        worker.scheduleWithFixedDelay(this::refreshAll, Math.min(2000, intervalMillis), intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** The latest JPEG of a stream, or null. */
    public byte[] jpeg(String stream) {
        return registry.find(stream) == null ? null : latest.get(stream);
    }

    private void refreshAll() {
        latest.keySet().removeIf(name -> registry.find(name) == null);
        for (LiveStream stream : registry.all()) {
            if (!stream.isLive()) {
                continue;
            }
            java.util.concurrent.CompletableFuture<List<MediaTag>> snapshot = stream.keyframeSnapshot();
            try {
                List<MediaTag> tags = snapshot.get(5, TimeUnit.SECONDS);
                try {
                    byte[] jpeg = render(tags);
                    if (jpeg != null) {
                        latest.put(stream.name(), jpeg);
                    }
                } finally {
                    tags.forEach(MediaTag::release);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                snapshot.thenAccept(late -> late.forEach(MediaTag::release)); // do not leak what comes late
            } catch (Exception e) {
                log.debug("thumbnail failed stream={} reason={}", stream.name(), e.toString());
            }
        }
    }

    static byte[] render(List<MediaTag> tags) throws Exception {
        if (tags.size() < 2) {
            return null;
        }
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        flv.write(new byte[] {'F', 'L', 'V', 1, 1, 0, 0, 0, 9, 0, 0, 0, 0});
        for (MediaTag tag : tags) {
            int n = tag.length();
            byte[] payload = new byte[n];
            tag.payload().getBytes(tag.payload().readerIndex(), payload);
            flv.write(new byte[] {9, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n, 0, 0, 0, 0, 0, 0, 0});
            flv.write(payload);
            int size = n + 11;
            flv.write(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(flv.toByteArray()));
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setFormat("flv");
            grabber.start();
            Frame frame = grabber.grabImage();
            if (frame == null) {
                return null;
            }
            BufferedImage image = converter.convert(frame);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            grabber.stop();
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

package live.blossom.edge.media;

import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.StreamListener;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every broadcast: FLV bytes written to {@code <id>.flv} while live (a crash leaves a
 * playable FLV), remuxed to {@code <id>.mp4} with FFmpeg when the stream ends (packets copied,
 * no re-encoding), then the FLV is removed and {@code <id>.json} notes start and duration.
 */
public final class Recorder implements StreamListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    private final Path dir;
    private final ByteBufAllocator alloc;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recorder");
        t.setDaemon(true);
        return t;
    });

    public Recorder(Path dir, ByteBufAllocator alloc) {
        this.dir = dir;
        this.alloc = alloc;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void started(LiveStream stream) {
        long start = System.currentTimeMillis();
        String id = stream.name() + "-" + start;
        FlvPipe pipe = new FlvPipe(stream.loop(), "record", 512, alloc);
        stream.attach(pipe);
        workers.execute(() -> record(id, stream.name(), start, pipe));
    }

    private void record(String id, String stream, long start, FlvPipe pipe) {
        Path flv = dir.resolve(id + ".flv");
        Path mp4 = dir.resolve(id + ".mp4");
        try {
            Files.createDirectories(dir);
            try (InputStream in = pipe.input(); OutputStream out = Files.newOutputStream(flv)) {
                in.transferTo(out);
            }
            remux(flv, mp4);
            Files.writeString(dir.resolve(id + ".json"), new JsonObject()
                    .put("id", id).put("stream", stream).put("startedAt", start)
                    .put("durationMillis", pipe.lastTimestamp()).encode());
            Files.deleteIfExists(flv);
            log.info("recording saved id={} bytes={}", id, Files.size(mp4));
        } catch (Exception e) {
            log.warn("recording failed id={} reason={}", id, e.toString());
        } finally {
            pipe.close();
        }
    }

    /** FLV to MP4, packet for packet. */
    static void remux(Path flv, Path mp4) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(flv.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(mp4.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.setSampleRate(grabber.getSampleRate());
                recorder.setOption("movflags", "+faststart");
                recorder.start(grabber.getFormatContext());
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            }
            grabber.stop();
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}

package live.blossom.edge.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import live.blossom.edge.media.FlvPipe;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remuxes one live stream to HLS with FFmpeg (through JavaCV), copying packets without
 * re-encoding: FLV in from a {@link FlvPipe}, MPEG-TS segments and a rolling playlist out,
 * old segments deleted by FFmpeg itself. Segments start on keyframes, so their length is the
 * target or the encoder's keyframe interval, whichever is longer. Runs on its own thread.
 */
final class HlsMuxer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HlsMuxer.class);

    private final String stream;
    private final FlvPipe pipe;
    private final Path dir;
    private final Duration segment;
    private final int window;

    HlsMuxer(String stream, FlvPipe pipe, Path dir, Duration segment, int window) {
        this.stream = stream;
        this.pipe = pipe;
        this.dir = dir;
        this.segment = segment;
        this.window = window;
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(dir);
            // maximumSize 0: no seek callback, so FFmpeg treats the live input as unseekable
            // (else the FLV demuxer seeks to the "end" of an endless stream to read a duration).
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(pipe.input(), 0)) {
                grabber.setFormat("flv");
                grabber.setOption("probesize", "500000");
                grabber.setOption("analyzeduration", "2000000");
                // startUnsafe: start() holds a JVM-wide lock while probing, and a live input may take seconds.
                grabber.startUnsafe();
                try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(dir.resolve("index.m3u8").toString(),
                        grabber.getImageWidth(), grabber.getImageHeight(), grabber.getAudioChannels())) {
                    recorder.setFormat("hls");
                    recorder.setFrameRate(grabber.getFrameRate());
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setOption("hls_time", String.valueOf(Math.max(1, segment.toMillis()) / 1000.0));
                    recorder.setOption("hls_list_size", String.valueOf(window));
                    recorder.setOption("hls_flags", "delete_segments+independent_segments+omit_endlist");
                    recorder.setOption("hls_delete_threshold", "2");
                    recorder.setOption("hls_segment_filename", dir.resolve("seg-%05d.ts").toString());
                    recorder.start(grabber.getFormatContext());
                    log.info("hls started stream={}", stream);
                    AVPacket packet;
                    while ((packet = grabber.grabPacket()) != null) {
                        recorder.recordPacket(packet);
                    }
                    recorder.stop();
                }
                grabber.stop();
            }
        } catch (Exception e) {
            log.warn("hls stopped stream={} reason={}", stream, e.toString());
        } finally {
            pipe.close();
        }
        log.info("hls ended stream={}", stream);
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // nothing there
        }
    }
}

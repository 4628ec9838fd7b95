package live.blossom.app.wiring;

import java.nio.ShortBuffer;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * A host's encoder for tests: JavaCV's bundled FFmpeg publishing small H.264/AAC frames over RTMP
 * at real-time pace, until told to stop or until the server ends the publish.
 */
final class RtmpTestPublisher {

    /** How a publish attempt ended. */
    record Outcome(long framesWritten, Exception failure) {
        boolean refusedAtOnce() {
            return failure != null && framesWritten < 10;
        }
    }

    private RtmpTestPublisher() {
    }

    /**
     * Publishes up to {@code maxFrames} frames at 25 fps; stops early when the server refuses or
     * closes the connection and reports how far it got.
     */
    static Outcome publish(String url, int maxFrames, Duration maxTime) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        long written = 0;
        long deadline = System.nanoTime() + maxTime.toNanos();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(url, 160, 120, 1)) {
            recorder.setFormat("flv");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setGopSize(25);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(44_100);
            recorder.setAudioChannels(1);
            recorder.start();
            Frame frame = new Frame(160, 120, Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer pixels = (java.nio.ByteBuffer) frame.image[0];
            short[] samples = new short[44_100 / 25];
            long start = System.nanoTime();
            while (written < maxFrames && System.nanoTime() < deadline) {
                for (int i = 0; i < pixels.capacity(); i++) {
                    pixels.put(i, (byte) (written * 7 + i));
                }
                recorder.setTimestamp(written * 40_000L);
                recorder.record(frame);
                recorder.recordSamples(44_100, 1, ShortBuffer.wrap(samples));
                written++;
                long due = start + written * 40_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // real-time pacing, as an encoder does
                }
            }
            recorder.stop();
            return new Outcome(written, null);
        } catch (Exception e) {
            return new Outcome(written, e);
        }
    }
}

package live.blossom.edge.testing;

import java.nio.ShortBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * A host's encoder in a test: FFmpeg (through JavaCV) publishing a synthetic H.264 (openh264)
 * + AAC stream over RTMP in real time, small picture to spare the CPU.
 */
public final class SyntheticPublisher implements AutoCloseable {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final int FPS = 15;
    private static final int SAMPLE_RATE = 44_100;

    private final String url;
    private final Thread thread;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean started;

    public SyntheticPublisher(String url) {
        this.url = url;
        this.thread = new Thread(this::run, "synthetic-publisher");
        this.thread.setDaemon(true);
    }

    public SyntheticPublisher start() {
        thread.start();
        return this;
    }

    public long frames() {
        return frames.get();
    }

    /** Why publishing stopped, if it failed. */
    public Throwable failure() {
        return failure.get();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** True once the RTMP connection has been accepted (the recorder started). */
    public boolean started() {
        return started;
    }

    private void run() {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(url, WIDTH, HEIGHT, 1)) {
            recorder.setFormat("flv");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS); // a keyframe every second: HLS segments of ~1 s
            recorder.setVideoBitrate(300_000);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(48_000);
            recorder.start();
            started = true;
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer pixels = (java.nio.ByteBuffer) frame.image[0];
            short[] tone = new short[SAMPLE_RATE / FPS];
            long start = System.nanoTime();
            long n = 0;
            long sample = 0;
            while (running) {
                long wait = start + n * 1_000_000_000L / FPS - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int stride = frame.imageStride;
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        int i = y * stride + x * 3;
                        pixels.put(i, (byte) (x + n * 4));
                        pixels.put(i + 1, (byte) (y + n * 2));
                        pixels.put(i + 2, (byte) ((x + y) / 2));
                    }
                }
                recorder.setTimestamp(n * 1_000_000L / FPS);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                for (int i = 0; i < tone.length; i++, sample++) {
                    tone[i] = (short) (Math.sin(2 * Math.PI * 440 * sample / SAMPLE_RATE) * 6000);
                }
                recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
                n++;
                frames.set(n);
            }
            recorder.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}

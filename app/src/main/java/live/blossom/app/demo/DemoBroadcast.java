package live.blossom.app.demo;

import java.nio.ShortBuffer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's synthetic host: publishes a test pattern with a running clock and a tone over RTMP
 * (H.264 through openh264, AAC) in real time, through the same ingest path a host's OBS uses.
 * Reconnects after a failure, like an encoder on a flaky uplink.
 */
public final class DemoBroadcast implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoBroadcast.class);
    private static final int SAMPLE_RATE = 44_100;

    private final String url;
    private final int width;
    private final int height;
    private final int fps;
    private final ZoneId zone;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long framesSent;

    /**
     * @param url RTMP publish URL with the stream key, e.g. {@code rtmp://127.0.0.1:1935/live/room?key=...}
     */
    public DemoBroadcast(String url, int width, int height, int fps, ZoneId zone) {
        this.url = url;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.zone = zone;
        this.thread = new Thread(this::run, "demo-broadcast");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Video frames published so far (across reconnects). */
    public long framesSent() {
        return framesSent;
    }

    private void run() {
        try {
            while (running) {
                try {
                    publish();
                } catch (Exception e) {
                    if (running) {
                        log.warn("demo broadcast interrupted, reconnecting in 2 s: {}", e.toString());
                        stopped.await(2, TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void publish() throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg's banner and encoder chatter stay out of the console
        TestPattern pattern = new TestPattern(width, height);
        short[] tone = new short[SAMPLE_RATE / fps];
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(url, width, height, 1);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("flv");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps); // a keyframe every second: ~1 s HLS segments and a quick start for new viewers
            recorder.setVideoBitrate(700_000);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(64_000);
            recorder.start();
            log.info("demo broadcast live url={}", url.replaceAll("key=[^&]*", "key=***"));
            long start = System.nanoTime();
            long frame = 0;
            long sample = 0;
            while (running) {
                long due = start + frame * 1_000_000_000L / fps;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Frame picture = converter.convert(pattern.paint(frame, LocalTime.now(zone)));
                recorder.setTimestamp(frame * 1_000_000L / fps);
                recorder.record(picture);
                for (int i = 0; i < tone.length; i++, sample++) {
                    // 440 Hz beeping for the first fifth of every second.
                    boolean on = (sample % SAMPLE_RATE) < SAMPLE_RATE / 5;
                    tone[i] = on ? (short) (Math.sin(2 * Math.PI * 440 * sample / SAMPLE_RATE) * 6000) : 0;
                }
                recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
                frame++;
                framesSent++;
            }
            recorder.stop();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            stopped.await(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

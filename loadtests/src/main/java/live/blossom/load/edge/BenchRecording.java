package live.blossom.load.edge;

import io.netty.buffer.Unpooled;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import live.blossom.edge.flv.FlvReader;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** The stream the benchmark replays: 640x360 at 30 fps, ~1 Mbps H.264 (openh264) with a 2 s GOP, AAC audio. */
final class BenchRecording {

    record Tag(int type, long timestamp, byte[] payload, boolean config) {
    }

    private BenchRecording() {
    }

    static List<Tag> load(Path file, int seconds) throws Exception {
        if (!Files.exists(file)) {
            make(file, seconds);
        }
        List<Tag> tags = new ArrayList<>();
        new FlvReader(16 << 20).read(Unpooled.wrappedBuffer(Files.readAllBytes(file)), (type, ts, payload) -> {
            byte[] copy = new byte[payload.readableBytes()];
            payload.getBytes(payload.readerIndex(), copy);
            boolean config = copy.length > 1 && copy[1] == 0 && (type == 9 || type == 8);
            if (type == 8 || type == 9) {
                tags.add(new Tag(type, ts, copy, config));
            }
        });
        return tags;
    }

    private static void make(Path file, int seconds) throws Exception {
        int w = 640;
        int h = 360;
        int fps = 30;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), w, h, 1)) {
            r.setFormat("flv");
            r.setVideoCodecName("libopenh264");
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setGopSize(2 * fps);
            r.setVideoBitrate(1_000_000);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(44_100);
            r.setAudioChannels(2);
            r.setAudioBitrate(96_000);
            r.start();
            Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer px = (java.nio.ByteBuffer) frame.image[0];
            java.util.Random noise = new java.util.Random(1);
            short[] tone = new short[2 * 44_100 / fps];
            for (int n = 0; n < seconds * fps; n++) {
                for (int i = 0; i < w * h * 3; i += 3) {
                    int x = (i / 3) % w;
                    int y = (i / 3) / w;
                    byte v = (byte) (x + y + n * 3 + noise.nextInt(40));
                    px.put(i, v);
                    px.put(i + 1, (byte) (x - n));
                    px.put(i + 2, (byte) (y + n));
                }
                r.setTimestamp(n * 1_000_000L / fps);
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (Math.sin(i * 0.05 + n) * 4000);
                }
                r.recordSamples(44_100, 2, ShortBuffer.wrap(tone));
            }
            r.stop();
        }
        Files.move(tmp, file);
    }
}

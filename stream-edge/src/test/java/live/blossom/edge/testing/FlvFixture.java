package live.blossom.edge.testing;

import io.netty.buffer.ByteBuf;
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

/** A short H.264/AAC FLV recording made by FFmpeg, as tags to replay through a Netty publisher. */
public final class FlvFixture {

    /** One FLV tag of the recording. */
    public record Tag(int type, long timestamp, byte[] payload) {
    }

    private FlvFixture() {
    }

    /** Encodes {@code seconds} of synthetic video (keyframe every second) and audio as FLV, as fast as it can. */
    public static List<Tag> record(Path file, int seconds, int fps, int bitrate) throws Exception {
        int w = SyntheticPublisher.WIDTH;
        int h = SyntheticPublisher.HEIGHT;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 1)) {
            recorder.setFormat("flv");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps);
            recorder.setVideoBitrate(bitrate);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(44_100);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(48_000);
            recorder.start();
            Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
            java.nio.ByteBuffer px = (java.nio.ByteBuffer) frame.image[0];
            java.util.Random noise = new java.util.Random(7);
            short[] tone = new short[44_100 / fps];
            for (int n = 0; n < seconds * fps; n++) {
                for (int i = 0; i < w * h * 3; i++) {
                    px.put(i, (byte) ((i / 3 % w) + n * 5 + noise.nextInt(24)));
                }
                recorder.setTimestamp(n * 1_000_000L / fps);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (Math.sin(i * 0.06) * 5000);
                }
                recorder.recordSamples(44_100, 1, ShortBuffer.wrap(tone));
            }
            recorder.stop();
        }
        return read(file);
    }

    public static List<Tag> read(Path file) throws Exception {
        List<Tag> tags = new ArrayList<>();
        ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        new FlvReader(16 << 20).read(bytes, (type, ts, payload) -> {
            byte[] copy = new byte[payload.readableBytes()];
            payload.getBytes(payload.readerIndex(), copy);
            tags.add(new Tag(type, ts, copy));
        });
        return tags;
    }
}

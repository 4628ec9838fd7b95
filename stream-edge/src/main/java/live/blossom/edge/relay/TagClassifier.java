package live.blossom.edge.relay;

import io.netty.buffer.ByteBuf;

/**
 * Reads the first bytes of an FLV audio/video tag body: keyframe, sequence header, codec.
 * Knows legacy FLV (AVC, AAC) and enhanced RTMP (the ExHeader bit with a FourCC, e.g. hvc1).
 */
public final class TagClassifier {

    private TagClassifier() {
    }

    public static boolean isEnhancedVideo(ByteBuf p) {
        return p.isReadable() && (p.getByte(p.readerIndex()) & 0x80) != 0;
    }

    public static boolean isKeyframe(ByteBuf p) {
        if (!p.isReadable()) {
            return false;
        }
        int b = p.getUnsignedByte(p.readerIndex());
        int frameType = isEnhancedVideo(p) ? (b >>> 4) & 0x07 : b >>> 4;
        return frameType == 1;
    }

    public static boolean isVideoConfig(ByteBuf p) {
        if (p.readableBytes() < 2) {
            return false;
        }
        int b = p.getUnsignedByte(p.readerIndex());
        if (isEnhancedVideo(p)) {
            return (b & 0x0F) == 0; // PacketTypeSequenceStart
        }
        int codec = b & 0x0F;
        return (codec == 7 || codec == 12) && p.getByte(p.readerIndex() + 1) == 0;
    }

    public static boolean isAudioConfig(ByteBuf p) {
        if (p.readableBytes() < 2) {
            return false;
        }
        int b = p.getUnsignedByte(p.readerIndex());
        int format = b >>> 4;
        if (format == 9) {
            return (b & 0x0F) == 0; // enhanced audio SequenceStart
        }
        return format == 10 && p.getByte(p.readerIndex() + 1) == 0;
    }

    /** "h264", "hevc", "av1", "vp9" or the FourCC / codec id when unknown. */
    public static String videoCodec(ByteBuf p) {
        if (!p.isReadable()) {
            return "";
        }
        int b = p.getUnsignedByte(p.readerIndex());
        if (isEnhancedVideo(p)) {
            if (p.readableBytes() < 5) {
                return "";
            }
            String fourCc = p.toString(p.readerIndex() + 1, 4, java.nio.charset.StandardCharsets.US_ASCII);
            return switch (fourCc) {
                case "hvc1" -> "hevc";
                case "av01" -> "av1";
                case "vp09" -> "vp9";
                case "avc1" -> "h264";
                default -> fourCc;
            };
        }
        return switch (b & 0x0F) {
            case 7 -> "h264";
            case 12 -> "hevc";
            case 2 -> "h263";
            default -> "codec-" + (b & 0x0F);
        };
    }

    public static String audioCodec(ByteBuf p) {
        if (!p.isReadable()) {
            return "";
        }
        int format = p.getUnsignedByte(p.readerIndex()) >>> 4;
        return switch (format) {
            case 10 -> "aac";
            case 2 -> "mp3";
            case 9 -> "enhanced";
            default -> "format-" + format;
        };
    }
}

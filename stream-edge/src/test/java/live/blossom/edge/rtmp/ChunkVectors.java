package live.blossom.edge.rtmp;

import static live.blossom.edge.rtmp.Bytes.bytes;
import static live.blossom.edge.rtmp.Bytes.repeat;

/** Annotated chunk-stream vectors shared by the decoder and encoder tests (and the fuzz seeds). */
final class ChunkVectors {

    private ChunkVectors() {
    }

    /** A video keyframe, type-0 header on chunk stream 6 (where the encoder puts video). */
    static final byte[] VIDEO_TYPE0 = bytes(
            0x06, "fmt 0, csid 6",
            0x00, 0x03, 0xE8, "timestamp 1000",
            0x00, 0x00, 0x05, "length 5",
            0x09, "type 9: video",
            0x01, 0x00, 0x00, 0x00, "message stream id 1, little endian",
            0x17, 0x01, 0x00, 0x00, 0x00, "payload: AVC keyframe, NALU");

    static final byte[] VIDEO_PAYLOAD = bytes(0x17, 0x01, 0x00, 0x00, 0x00);

    /** Audio on chunk stream 4: a type-0, then type 1 (delta 33, new length), type 2 (delta 33), type 3 (delta again). */
    static final byte[] AUDIO_TYPES_0_1_2_3 = bytes(
            0x04, "fmt 0, csid 4",
            0x00, 0x00, 0x64, "timestamp 100",
            0x00, 0x00, 0x02, "length 2",
            0x08, "type 8: audio",
            0x01, 0x00, 0x00, 0x00, "stream 1",
            0xAF, 0x00, "payload: AAC sequence header (truncated)",
            0x44, "fmt 1, csid 4",
            0x00, 0x00, 0x21, "delta 33",
            0x00, 0x00, 0x03, "length 3",
            0x08, "type 8",
            0xAF, 0x01, 0x21, "payload: AAC raw -> ts 133",
            0x84, "fmt 2, csid 4",
            0x00, 0x00, 0x21, "delta 33",
            0xAF, 0x01, 0x22, "payload -> ts 166",
            0xC4, "fmt 3, csid 4: same length, type, delta",
            0xAF, 0x01, 0x23, "payload -> ts 199");

    /** Extended timestamp (0x01234567) on a 130-byte message at chunk size 128, repeated on the type-3 continuation. */
    static final byte[] EXTENDED_REPEATED = bytes(
            0x06, "fmt 0, csid 6",
            0xFF, 0xFF, 0xFF, "timestamp field: extended follows",
            0x00, 0x00, 0x82, "length 130",
            0x09, "video",
            0x01, 0x00, 0x00, 0x00, "stream 1",
            0x01, 0x23, 0x45, 0x67, "extended timestamp 0x01234567",
            repeat(0x27, 128), "first chunk: 128 payload bytes",
            0xC6, "fmt 3, csid 6: continuation",
            0x01, 0x23, 0x45, 0x67, "extended timestamp repeated",
            0x27, 0x27, "last 2 payload bytes");

    /**
     * A 132-byte message from an encoder that does not repeat the extended timestamp on
     * continuations (the decoder looks at the next 4 bytes to tell, so they must have arrived).
     */
    static final byte[] EXTENDED_NOT_REPEATED = bytes(
            0x06, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x84, 0x09, 0x01, 0x00, 0x00, 0x00, "as above, length 132",
            0x01, 0x23, 0x45, 0x67, "extended timestamp",
            repeat(0x27, 128),
            0xC6, "continuation without the extended timestamp",
            0x27, 0x27, 0x27, 0x27);

    /** Timestamps past the 24-bit field by delta: 0xFFFFF0 then +0x20 = 0x1000010 (type 2 header). */
    static final byte[] WRAP_24_BIT = bytes(
            0x04, "fmt 0, csid 4",
            0xFF, 0xFF, 0xF0, "timestamp 0xFFFFF0 (fits 24 bits)",
            0x00, 0x00, 0x01, "length 1",
            0x08, "audio",
            0x01, 0x00, 0x00, 0x00, "stream 1",
            0xAF, "payload",
            0x84, "fmt 2, csid 4",
            0x00, 0x00, 0x20, "delta 0x20 -> 0x1000010",
            0xAF, "payload");

    /** Set Chunk Size 4096, then a 200-byte message in a single chunk. */
    static final byte[] CHUNK_SIZE_CHANGE = bytes(
            0x02, "fmt 0, csid 2 (protocol control)",
            0x00, 0x00, 0x00, "timestamp 0",
            0x00, 0x00, 0x04, "length 4",
            0x01, "type 1: Set Chunk Size",
            0x00, 0x00, 0x00, 0x00, "stream 0",
            0x00, 0x00, 0x10, 0x00, "4096",
            0x06, "fmt 0, csid 6",
            0x00, 0x00, 0x00, "ts 0",
            0x00, 0x00, 0xC8, "length 200",
            0x09, "video",
            0x01, 0x00, 0x00, 0x00,
            repeat(0x27, 200), "one chunk: 200 > 128 but <= 4096");

    /** A message abandoned half-way: 128 of 200 bytes, Abort(6), then a fresh 2-byte message on csid 6. */
    static final byte[] ABORT = bytes(
            0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC8, 0x09, 0x01, 0x00, 0x00, 0x00, "fmt 0 csid 6, 200 bytes",
            repeat(0x27, 128), "first chunk only",
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, "Abort, length 4",
            0x00, 0x00, 0x00, 0x06, "chunk stream 6",
            0x06, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x02, 0x09, 0x01, 0x00, 0x00, 0x00, "fmt 0 csid 6, ts 10, 2 bytes",
            0x17, 0x00);

    /** Window Acknowledgement Size, Set Peer Bandwidth, a ping request and an acknowledgement. */
    static final byte[] CONTROL = bytes(
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x05, 0x00, 0x00, 0x00, 0x00, "type 5, length 4",
            0x00, 0x26, 0x25, 0xA0, "2,500,000",
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, "type 6, length 5",
            0x00, 0x26, 0x25, 0xA0, 0x02, "2,500,000, dynamic",
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00, "type 4, length 6",
            0x00, 0x06, "ping request",
            0x00, 0x00, 0x30, 0x39, "timestamp 12345",
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x03, 0x00, 0x00, 0x00, 0x00, "type 3, length 4",
            0x00, 0x01, 0x00, 0x00, "acknowledged 65536 bytes");

    /** Two- and three-byte basic headers: chunk streams 64 + 1 = 65 and 64 + 0x0102 = 322. */
    static final byte[] LONG_BASIC_HEADERS = bytes(
            0x00, 0x01, "fmt 0, csid = 64 + 1",
            0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x08, 0x01, 0x00, 0x00, 0x00, "ts 1, length 1, audio, stream 1",
            0xAF,
            0x01, 0x02, 0x01, "fmt 0, csid = 64 + 0x0102 (little endian)",
            0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x08, 0x01, 0x00, 0x00, 0x00, "ts 2, length 1",
            0xAE);
}

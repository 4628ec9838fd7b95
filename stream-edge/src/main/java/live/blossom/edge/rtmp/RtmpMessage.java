package live.blossom.edge.rtmp;

/**
 * One RTMP message as the chunk stream carries it, after reassembly. Implementations are small
 * immutable records; those carrying media hold a reference-counted payload that the receiver
 * releases (Netty's usual contract for decoded messages).
 */
public sealed interface RtmpMessage permits SetChunkSize, Abort, Acknowledgement, UserControl, WindowAckSize,
        SetPeerBandwidth, AudioMessage, VideoMessage, DataMessage, CommandMessage, UnknownMessage {

    /** The message type id on the wire (1..22). */
    int typeId();

    /** Message stream id: 0 for protocol control and NetConnection commands, the stream's id otherwise. */
    default int streamId() {
        return 0;
    }

    /** Timestamp in milliseconds, 32 bits unsigned. */
    default long timestamp() {
        return 0;
    }
}

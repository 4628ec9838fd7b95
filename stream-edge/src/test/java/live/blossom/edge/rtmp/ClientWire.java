package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/** A client's side of the wire for session tests: messages chunked as a client's encoder would. */
final class ClientWire {

    private ClientWire() {
    }

    /** Writes the messages, chunk by chunk, into a server session's channel. */
    static void send(EmbeddedChannel server, RtmpMessage... messages) {
        EmbeddedChannel encoder = new EmbeddedChannel(new ChunkEncoder());
        for (RtmpMessage m : messages) {
            encoder.writeOutbound(m);
            for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
                server.writeInbound(b);
            }
        }
        encoder.finishAndReleaseAll();
    }
}

package live.blossom.edge.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.blossom.edge.flv.FlvFormat;
import live.blossom.edge.relay.RelaySettings;
import live.blossom.edge.relay.StreamRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The RTMP session")
class RtmpSessionTest {

    final AcknowledgementWindow acks = new AcknowledgementWindow();
    final EmbeddedChannel server = new EmbeddedChannel(acks, new ChunkDecoder(), new ChunkEncoder(),
            new RtmpSession(RtmpSettings.defaults(), new StreamRegistry(RelaySettings.defaults(),
                    List.of(new FlvFormat(), new RtmpFormat(60_000)), PooledByteBufAllocator.DEFAULT),
                    (app, stream, key, remote) -> Future.failedFuture("no"), 1, acks));
    // The client's side of the wire: decodes what the server wrote, at the chunk sizes it announced.
    final EmbeddedChannel client = new EmbeddedChannel(new ChunkDecoder());

    /** Sends messages as a client would (encoded into chunks) and returns the server's replies. */
    List<RtmpMessage> exchange(RtmpMessage... messages) {
        ClientWire.send(server, messages);
        List<RtmpMessage> replies = new ArrayList<>();
        for (ByteBuf b; (b = server.readOutbound()) != null; ) {
            client.writeInbound(b);
        }
        for (Object m; (m = client.readInbound()) != null; ) {
            replies.add((RtmpMessage) m);
        }
        return replies;
    }

    static String code(RtmpMessage m) {
        return m instanceof CommandMessage c && c.argument(1) instanceof Map<?, ?> info ? String.valueOf(info.get("code")) : "";
    }

    @Test
    @DisplayName("answers connect with window, bandwidth, chunk size and NetConnection.Connect.Success")
    void connect() {
        List<RtmpMessage> replies = exchange(CommandMessage.of(0, "connect", 1, Map.of("app", "live")));
        assertThat(replies).hasSize(4);
        assertThat(replies.get(0)).isEqualTo(new WindowAckSize(2_500_000));
        assertThat(replies.get(1)).isEqualTo(new SetPeerBandwidth(2_500_000, 2));
        assertThat(replies.get(2)).isEqualTo(new SetChunkSize(60_000));
        assertThat(((CommandMessage) replies.get(3)).name()).isEqualTo("_result");
        assertThat(code(replies.get(3))).isEqualTo("NetConnection.Connect.Success");
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }

    @Test
    @DisplayName("refuses an unknown application")
    void unknownApp() {
        List<RtmpMessage> replies = exchange(CommandMessage.of(0, "connect", 1, Map.of("app", "other")));
        assertThat(replies).singleElement().satisfies(m -> assertThat(code(m)).isEqualTo("NetConnection.Connect.Rejected"));
        assertThat(server.isActive()).isFalse();
        client.finishAndReleaseAll();
    }

    @Test
    @DisplayName("gives stream id 1 on createStream, answers pings, and says StreamNotFound for a stream that is not live")
    void streamCommands() {
        exchange(CommandMessage.of(0, "connect", 1, Map.of("app", "live")));
        List<RtmpMessage> created = exchange(CommandMessage.of(0, "createStream", 2, (Object) null));
        assertThat(created).singleElement().isEqualTo(CommandMessage.of(0, "_result", 2, null, 1.0));
        assertThat(exchange(new UserControl(UserControl.PING_REQUEST, 777, 0)))
                .containsExactly(new UserControl(UserControl.PING_RESPONSE, 777, 0));
        List<RtmpMessage> play = exchange(CommandMessage.of(1, "play", 3, null, "nobody"));
        assertThat(play).singleElement().satisfies(m -> assertThat(code(m)).isEqualTo("NetStream.Play.StreamNotFound"));
        client.finishAndReleaseAll();
    }

    @Test
    @DisplayName("acknowledges the bytes received each time the peer's window is reached")
    void acknowledgements() {
        exchange(CommandMessage.of(0, "connect", 1, Map.of("app", "live")));
        exchange(new WindowAckSize(1000));
        List<RtmpMessage> replies = exchange(new AudioMessage(0, 0, Unpooled.wrappedBuffer(new byte[1200])));
        assertThat(replies).singleElement().isInstanceOf(Acknowledgement.class);
        assertThat(((Acknowledgement) replies.get(0)).sequence()).isEqualTo(acks.received());
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}

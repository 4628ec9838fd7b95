package live.blossom.edge.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.blossom.edge.flv.FlvFormat;
import live.blossom.edge.publish.PublishPermit;
import live.blossom.edge.relay.RelaySettings;
import live.blossom.edge.relay.StreamRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An RTMP player")
class RtmpPlayTest {

    static final int CHUNK = 128;
    final StreamRegistry registry = new StreamRegistry(RelaySettings.defaults(),
            List.of(new FlvFormat(), new RtmpFormat(CHUNK)), PooledByteBufAllocator.DEFAULT);
    final EmbeddedChannel publisher = session();
    final EmbeddedChannel player = session();
    /** The player's side of the wire: every buffer the server wrote, in order. */
    final List<ByteBuf> written = new ArrayList<>();

    EmbeddedChannel session() {
        AcknowledgementWindow acks = new AcknowledgementWindow();
        RtmpSettings d = RtmpSettings.defaults();
        RtmpSettings settings = new RtmpSettings(d.host(), d.port(), d.app(), CHUNK, d.windowAckSize(), d.maxChunkSize(),
                d.maxMessageSize(), d.maxChunkStreams(), d.writeBufferLow(), d.writeBufferHigh(), d.sendBuffer(),
                d.idleSeconds());
        return new EmbeddedChannel(acks, new ChunkDecoder(), new ChunkEncoder(), new RtmpSession(settings, registry,
                (app, stream, key, remote) -> Future.succeededFuture(new PublishPermit(stream, null)), 1, acks));
    }

    /** Runs both loops until nothing is left to do, keeping what the server wrote to the player. */
    void settle() {
        for (int i = 0; i < 20; i++) {
            publisher.runPendingTasks();
            player.runPendingTasks();
            player.runScheduledPendingTasks();
            for (Object m; (m = publisher.readOutbound()) != null; ) {
                ReferenceCountUtil.release(m);
            }
            for (ByteBuf b; (b = player.readOutbound()) != null; ) {
                written.add(b);
            }
        }
    }

    /** The player's media messages as "video ts=… payload" lines, decoded like a client would. */
    List<String> decoded() {
        EmbeddedChannel client = new EmbeddedChannel(new ChunkDecoder());
        for (ByteBuf b : written) {
            client.writeInbound(b.retainedDuplicate());
        }
        List<String> media = new ArrayList<>();
        for (Object m; (m = client.readInbound()) != null; ) {
            if (m instanceof VideoMessage v) {
                media.add("video ts=" + v.timestamp() + " " + ByteBufUtil.hexDump(v.payload()));
            } else if (m instanceof AudioMessage a) {
                media.add("audio ts=" + a.timestamp() + " " + ByteBufUtil.hexDump(a.payload()));
            }
            ReferenceCountUtil.release(m);
        }
        client.finishAndReleaseAll();
        return media;
    }

    static VideoMessage video(long ts, Object... bytes) {
        return new VideoMessage(1, ts, Unpooled.wrappedBuffer(Bytes.bytes(bytes)));
    }

    static AudioMessage audio(long ts, Object... bytes) {
        return new AudioMessage(1, ts, Unpooled.wrappedBuffer(Bytes.bytes(bytes)));
    }

    @AfterEach
    void release() {
        written.forEach(ByteBuf::release);
        publisher.finishAndReleaseAll();
        player.finishAndReleaseAll();
        registry.shutdown();
    }

    @Test
    @DisplayName("gets every live tag at its own timestamps; tags in step with the stream share one buffer with a relative header")
    void liveTagsShareTheirHeader() {
        ClientWire.send(publisher, CommandMessage.of(0, "connect", 1, Map.of("app", "live")),
                CommandMessage.of(0, "createStream", 2, (Object) null), CommandMessage.of(1, "publish", 3, null, "cam"));
        ClientWire.send(publisher, video(1000, 0x17, 0x00, 0xA1), audio(1000, 0xAF, 0x00, 0xB1),
                video(1000, 0x17, 0x01, 0x01), audio(1000, 0xAF, 0x01, 0x02));
        settle();
        ClientWire.send(player, CommandMessage.of(0, "connect", 1, Map.of("app", "live")),
                CommandMessage.of(0, "createStream", 2, (Object) null), CommandMessage.of(1, "play", 3, null, "cam"));
        settle();
        int backlog = written.size();
        // Live: audio every 23 ms, video every 33 ms, and a payload longer than one chunk.
        byte[] big = new byte[CHUNK * 2 + 10];
        big[0] = 0x27;
        big[1] = 0x01;
        ClientWire.send(publisher, audio(1023, 0xAF, 0x01, 0x03), video(1033, 0x27, 0x01, 0x04), audio(1046, 0xAF, 0x01, 0x05),
                new VideoMessage(1, 1066, Unpooled.wrappedBuffer(big)));
        settle();

        assertThat(decoded()).containsExactly(
                "video ts=0 1700a1", "audio ts=0 af00b1", "video ts=0 170101", "audio ts=0 af0102",
                "audio ts=23 af0103", "video ts=33 270104", "audio ts=46 af0105",
                "video ts=66 " + ByteBufUtil.hexDump(big));
        // The backlog had each kind's first tag with the player's own type-0 header; every live
        // tag after it follows its kind's previous tag at the stream's distance, so it is one
        // shared buffer that starts with a type-1 header (fmt 1) on its chunk stream (4 or 6).
        List<ByteBuf> live = written.subList(backlog, written.size());
        assertThat(live).hasSize(4);
        assertThat(live).extracting(b -> b.getUnsignedByte(b.readerIndex()))
                .containsExactly((short) 0x44, (short) 0x46, (short) 0x44, (short) 0x46);
    }
}

package live.blossom.edge.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The server handshake")
class HandshakeTest {

    static final int N = HandshakeDigest.SIZE;

    static byte[] c1(boolean versioned, boolean signed) {
        byte[] c1 = new byte[N];
        new Random(42).nextBytes(c1);
        Arrays.fill(c1, 0, 4, (byte) 0); // time
        if (versioned) {
            c1[4] = 9; c1[5] = 0; c1[6] = 124; c1[7] = 2; // FFmpeg's client version 9.0.124.2
        } else {
            Arrays.fill(c1, 4, 8, (byte) 0);
        }
        if (signed) {
            HandshakeDigest.sign(c1, HandshakeDigest.PLAYER_KEY, HandshakeDigest.PLAYER_PARTIAL);
        }
        return c1;
    }

    /** Runs C0+C1 (split at {@code split}), reads S0+S1+S2, sends C2 plus a trailing byte. */
    static byte[][] handshake(byte[] c1, int split) {
        AtomicReference<Object> event = new AtomicReference<>();
        AtomicReference<ByteBuf> after = new AtomicReference<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshake(), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                event.set(evt);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                after.set((ByteBuf) msg);
            }
        });
        byte[] c0c1 = Bytes.concat(new byte[] {3}, c1);
        ch.writeInbound(Unpooled.wrappedBuffer(c0c1, 0, split));
        if (split < c0c1.length) {
            assertThat((Object) ch.readOutbound()).as("no answer before C1 is complete").isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(c0c1, split, c0c1.length - split));
        }
        ByteBuf reply = ch.readOutbound();
        byte[] s = ByteBufUtil.getBytes(reply);
        reply.release();
        assertThat(s).hasSize(1 + 2 * N);
        assertThat(s[0]).as("S0 version").isEqualTo((byte) 3);
        ch.writeInbound(Unpooled.wrappedBuffer(Bytes.concat(Arrays.copyOfRange(s, 1, 1 + N), new byte[] {0x42})));
        assertThat(event.get()).isInstanceOf(HandshakeDone.class);
        assertThat(ByteBufUtil.getBytes(after.get())).as("bytes after C2 reach the next handler").containsExactly(0x42);
        after.get().release();
        assertThat(ch.pipeline().get(ServerHandshake.class)).isNull();
        ch.finishAndReleaseAll();
        return new byte[][] {Arrays.copyOfRange(s, 1, 1 + N), Arrays.copyOfRange(s, 1 + N, 1 + 2 * N),
                {(byte) (((HandshakeDone) event.get()).digest() ? 1 : 0)}};
    }

    @Test
    @DisplayName("answers a simple C1 (zero version) by echoing it in S2, whatever the split")
    void simple() {
        byte[] c1 = c1(false, false);
        for (int split : new int[] {1, 2, 100, 1536}) {
            byte[][] s = handshake(c1, split);
            assertThat(s[1]).isEqualTo(c1);
            assertThat(s[2][0]).as("digest used").isEqualTo((byte) 0);
        }
    }

    @Test
    @DisplayName("answers a signed C1 with a signed S1 and an S2 keyed by the client's digest")
    void digest() {
        byte[] c1 = c1(true, true);
        byte[][] s = handshake(c1, 700);
        assertThat(s[2][0]).as("digest used").isEqualTo((byte) 1);
        assertThat(HandshakeDigest.findDigest(s[0], HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_PARTIAL))
                .as("S1 digest position").isNotNegative();
        int at = HandshakeDigest.findDigest(c1, HandshakeDigest.PLAYER_KEY, HandshakeDigest.PLAYER_PARTIAL);
        byte[] clientDigest = Arrays.copyOfRange(c1, at, at + HandshakeDigest.DIGEST);
        assertThat(HandshakeDigest.answers(s[1], clientDigest, HandshakeDigest.SERVER_KEY)).isTrue();
    }

    @Test
    @DisplayName("falls back to the simple handshake when a versioned C1 carries no valid digest")
    void fallback() {
        byte[] c1 = c1(true, false);
        byte[][] s = handshake(c1, 1 + N);
        assertThat(s[1]).isEqualTo(c1);
        assertThat(s[2][0]).isEqualTo((byte) 0);
    }

    @Test
    @DisplayName("refuses versions other than 3 (no encrypted RTMPE)")
    void badVersion() {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshake());
        byte[] c0c1 = Bytes.concat(new byte[] {6}, c1(false, false));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(c0c1))).hasMessageContaining("version 6");
        ch.finishAndReleaseAll();
    }
}

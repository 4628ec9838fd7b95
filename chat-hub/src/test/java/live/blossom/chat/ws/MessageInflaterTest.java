package live.blossom.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Inbound permessage-deflate")
class MessageInflaterTest {

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1 and §7.2.3.2: 'Hello', then 'Hello' again with the context kept")
    void rfcVectors() throws Exception {
        MessageInflater inflater = new MessageInflater(1024);
        assertThat(inflater.inflate(Unpooled.wrappedBuffer(bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00))))
                .isEqualTo("Hello");
        assertThat(inflater.inflate(Unpooled.wrappedBuffer(bytes(0xf2, 0x00, 0x11, 0x00, 0x00))))
                .isEqualTo("Hello");
        inflater.close();
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.3: a message sent without compression in a stored block")
    void storedBlock() throws Exception {
        MessageInflater inflater = new MessageInflater(1024);
        assertThat(inflater.inflate(Unpooled.wrappedBuffer(
                bytes(0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00)))).isEqualTo("Hello");
        inflater.close();
    }

    @Test
    @DisplayName("output past the limit is refused as too long; garbage as a format error")
    void bounded() {
        MessageInflater inflater = new MessageInflater(4);
        assertThatThrownBy(() -> inflater.inflate(Unpooled.wrappedBuffer(bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00))))
                .isInstanceOf(TooLongFrameException.class);
        MessageInflater other = new MessageInflater(1024);
        assertThatThrownBy(() -> other.inflate(Unpooled.wrappedBuffer(bytes(0xff, 0xff, 0xff, 0x10))))
                .isInstanceOf(DataFormatException.class);
        inflater.close();
        other.close();
    }

    @Test
    @DisplayName("offers are accepted with server_no_context_takeover unless they ask for a smaller server window")
    void negotiation() {
        assertThat(PerMessageDeflate.accept(offer("permessage-deflate; client_max_window_bits")))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(PerMessageDeflate.accept(offer("permessage-deflate; client_no_context_takeover; server_no_context_takeover")))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(PerMessageDeflate.accept(offer("permessage-deflate; server_max_window_bits=10"))).isNull();
        assertThat(PerMessageDeflate.accept(offer("permessage-deflate; server_max_window_bits=10, permessage-deflate")))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThat(PerMessageDeflate.accept(offer("permessage-deflate; client_max_window_bits=99"))).isNull();
        assertThat(PerMessageDeflate.accept(offer("x-webkit-deflate-frame"))).isNull();
        assertThat(PerMessageDeflate.accept(new DefaultHttpHeaders())).isNull();
    }

    private static DefaultHttpHeaders offer(String value) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.add(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, value);
        return headers;
    }
}

package live.blossom.chat.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket, for tests that look at the bytes on the wire: the
 * handshake's headers, each frame's first byte (FIN, RSV1, opcode) and its raw payload.
 */
public final class RawChatSocket implements AutoCloseable {

    /** One server frame as it came off the wire. */
    public record Frame(int first, byte[] payload) {

        public boolean compressed() {
            return (first & 0x40) != 0;
        }

        public int opcode() {
            return first & 0x0f;
        }

        /** The text, inflated on its own (the server never keeps context between messages). */
        public String text() {
            return new String(compressed() ? inflate(payload) : payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The response head of the upgrade, up to the blank line. */
    public final String handshake;

    /** Opens /ws/chat, offering {@code extensions} (null: none). */
    public RawChatSocket(int port, String extensions) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        handshake = head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends {@code payload} masked, with {@code first} as the frame's first byte. */
    public RawChatSocket send(int first, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        }
        byte[] mask = {7, 21, 42, 99};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
        return this;
    }

    public RawChatSocket sendText(String text) throws IOException {
        return send(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code text} compressed (RSV1 set, the deflate tail left off, RFC 7692 §7.2.1). */
    public RawChatSocket sendCompressed(String text) throws IOException {
        return send(0xC1, deflate(text.getBytes(StandardCharsets.UTF_8)));
    }

    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = (int) in.readLong();
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return new Frame(first, payload);
    }

    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        byte[] buf = new byte[data.length + 64];
        int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return java.util.Arrays.copyOf(buf, n - 4);
    }

    static byte[] inflate(byte[] payload) {
        Inflater inflater = new Inflater(true);
        byte[] in = java.util.Arrays.copyOf(payload, payload.length + 4);
        in[payload.length + 2] = (byte) 0xff;
        in[payload.length + 3] = (byte) 0xff;
        inflater.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                out.write(buf, 0, inflater.inflate(buf));
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("server sent bad compressed data", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

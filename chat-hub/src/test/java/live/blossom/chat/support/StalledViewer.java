package live.blossom.chat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A viewer that opens the WebSocket, joins a room and then never reads again: its receive
 * buffer is tiny, so the server soon sees it as not writable.
 */
public final class StalledViewer implements AutoCloseable {

    private final Socket socket;

    public StalledViewer(int port, String room) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        // Read the 101 response up to the blank line, then stop reading for good.
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake");
            }
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        out.write(maskedText("{\"type\":\"join\",\"room\":\"" + room + "\"}"));
        out.flush();
    }

    /** A client text frame (RFC 6455: client frames are masked), mask key 1,2,3,4. */
    static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        frame[1] = (byte) (0x80 | payload.length); // masked, length < 126
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** True once the server has dropped the connection (a write fails or the peer reset it). */
    public boolean dropped() {
        try {
            socket.getOutputStream().write(maskedText("{\"type\":\"ping\"}"));
            socket.getOutputStream().flush();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

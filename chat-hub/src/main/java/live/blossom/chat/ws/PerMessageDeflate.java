package live.blossom.chat.ws;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import java.util.Map;

/**
 * The server's side of permessage-deflate negotiation (RFC 7692 §5, §7.1). The server always
 * answers with {@code server_no_context_takeover}: each batch is compressed on its own, once, and
 * the same bytes go to every viewer, so no connection holds a compressor. Offers that ask for a
 * server window under 15 bits are declined (the JDK's deflater has a fixed 32 kB window); the
 * client's own window and context takeover are its choice, since inbound messages are inflated
 * per connection.
 */
final class PerMessageDeflate {

    static final String NAME = "permessage-deflate";
    static final String RESPONSE = NAME + "; server_no_context_takeover";

    private PerMessageDeflate() {
    }

    /** The response's extension header value for the first acceptable offer, or null if none is. */
    static String accept(HttpHeaders request) {
        for (String value : request.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            try {
                for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(value)) {
                    if (NAME.equalsIgnoreCase(offer.name()) && acceptable(offer.parameters())) {
                        return RESPONSE;
                    }
                }
            } catch (RuntimeException malformed) {
                return null; // an unreadable offer is declined; the connection goes on uncompressed
            }
        }
        return null;
    }

    private static boolean acceptable(Map<String, String> parameters) {
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String value = p.getValue();
            switch (p.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "server_no_context_takeover", "client_no_context_takeover" -> {
                    if (value != null) {
                        return false;
                    }
                }
                case "client_max_window_bits" -> {
                    if (value != null && !windowBits(value)) {
                        return false;
                    }
                }
                case "server_max_window_bits" -> {
                    if (!"15".equals(value)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean windowBits(String value) {
        return value.matches("(8|9|1[0-5])");
    }
}

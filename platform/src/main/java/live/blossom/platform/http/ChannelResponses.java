package live.blossom.platform.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Answers for {@link ChannelRoute}s, in the same JSON error model as the rest of the API. */
public final class ChannelResponses {

    private ChannelResponses() {
    }

    /** Writes {@code {error, message}} with {@code status} and closes the connection. */
    public static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message) {
        byte[] body = new JsonObject().put("error", code).put("message", message).encode()
                .getBytes(StandardCharsets.UTF_8);
        ByteBuf content = ctx.alloc().buffer(body.length).writeBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}

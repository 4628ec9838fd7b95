package live.blossom.platform.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The {@link ChannelRoute}s of the HTTP front, registered by modules while they start. Each new
 * HTTP/1.x connection gets a {@link ChannelRouteDispatcher} just before Vert.x's own handler
 * (only when some route is registered), so one port serves the REST API through Vert.x Web
 * and the long-lived media and chat connections through plain Netty.
 */
public final class ChannelRoutes {

    record Entry(Predicate<String> path, ChannelRoute route) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** Routes requests whose path (without query) matches {@code path} to {@code route}. */
    public void add(Predicate<String> path, ChannelRoute route) {
        entries.add(new Entry(path, route));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The route for a request path, or null. */
    ChannelRoute find(String path) {
        for (Entry e : entries) {
            if (e.path().test(path)) {
                return e.route();
            }
        }
        return null;
    }

    /** Called for each new connection of the HTTP front, on its event loop, before any request is read. */
    public void install(HttpConnection connection) {
        if (entries.isEmpty() || !(connection instanceof ConnectionBase base)) {
            return;
        }
        // Vert.x offers no public pipeline hook; its connection class gives the channel context.
        ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
        ChannelHandlerContext vertxHandler = pipeline.context(VertxHandler.class);
        if (vertxHandler != null) {
            pipeline.addBefore(vertxHandler.name(), "blossom-channel-routes", new ChannelRouteDispatcher(this));
        }
    }
}

package live.blossom.platform.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import live.blossom.platform.http.ChannelRoutes;

/** One HTTP server instance on its own event loop; several share the port and the router. */
final class HttpServerVerticle extends VerticleBase {

    private final Router router;
    private final HttpServerOptions options;
    private final ChannelRoutes channelRoutes;

    HttpServerVerticle(Router router, HttpServerOptions options, ChannelRoutes channelRoutes) {
        this.router = router;
        this.options = options;
        this.channelRoutes = channelRoutes;
    }

    @Override
    public Future<?> start() {
        HttpServer server = vertx.createHttpServer(options);
        return server.connectionHandler(channelRoutes::install).requestHandler(router).listen();
    }
}

package live.blossom.app.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;

/**
 * The web pages for viewers, hosts, merchants and operators: plain HTML and JavaScript modules
 * served from the app's resources, with hls.js and uPlot from their WebJars. Nothing is fetched
 * from outside the server at page load.
 */
public final class WebModule implements BlossomModule {

    @Override
    public String name() {
        return "web";
    }

    @Override
    public void start(PlatformContext ctx) {
        Router router = ctx.router();
        router.get("/").handler(page("index.html"));
        router.get("/watch/:room").handler(page("watch.html"));
        router.get("/host").handler(page("host.html"));
        router.get("/merchant").handler(page("merchant.html"));
        router.get("/admin").handler(page("admin.html"));
        router.get("/static/*").handler(StaticHandler.create("web").setMaxAgeSeconds(60));
        router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    }

    private static io.vertx.core.Handler<RoutingContext> page(String file) {
        return ctx -> {
            ctx.response().putHeader("Cache-Control", "no-cache");
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
            ctx.response().sendFile("web/" + file);
        };
    }
}

package live.blossom.edge.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.StreamRegistry;
import live.blossom.edge.relay.StreamStats;

/** {@code GET /api/streams}: the streams live on this node with codec, picture, rate, uptime and viewers. */
public final class StreamListRoutes {

    private final StreamRegistry registry;

    public StreamListRoutes(StreamRegistry registry) {
        this.registry = registry;
    }

    public void mount(Router router) {
        router.get("/api/streams").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        long now = System.currentTimeMillis();
        for (LiveStream s : registry.all()) {
            if (!s.isLive()) {
                continue;
            }
            StreamStats st = s.stats();
            JsonObject viewers = new JsonObject();
            st.viewers().forEach(viewers::put);
            out.add(new JsonObject()
                    .put("id", s.name())
                    .put("publishing", s.isPublishing())
                    .put("videoCodec", st.videoCodec())
                    .put("audioCodec", st.audioCodec())
                    .put("width", st.width())
                    .put("height", st.height())
                    .put("fps", Math.round(st.fps() * 10) / 10.0)
                    .put("bitrateKbps", Math.round(st.bitrateKbps()))
                    .put("uptimeSeconds", (now - st.startedAtMillis()) / 1000)
                    .put("viewers", viewers)
                    .put("urls", new JsonObject()
                            .put("httpFlv", "/live/" + s.name() + ".flv")
                            .put("wsFlv", "/live/" + s.name() + ".ws")
                            .put("hls", "/hls/" + s.name() + "/index.m3u8")
                            .put("thumbnail", "/api/streams/" + s.name() + "/thumbnail.jpg")));
        }
        ctx.json(new JsonObject().put("streams", out));
    }
}

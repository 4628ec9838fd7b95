package live.blossom.edge.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import live.blossom.edge.media.Recorder;
import live.blossom.edge.media.Thumbnails;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;

/**
 * {@code GET /api/streams/{id}/thumbnail.jpg} (anyone), {@code GET /api/recordings} and
 * {@code GET /api/recordings/{id}.mp4} (merchants).
 */
public final class MediaRoutes {

    private static final Pattern RECORDING_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}-[0-9]{13}");

    private final Thumbnails thumbnails;
    private final Recorder recorder;

    public MediaRoutes(Thumbnails thumbnails, Recorder recorder) {
        this.thumbnails = thumbnails;
        this.recorder = recorder;
    }

    public void mount(Router router, Authentication auth) {
        router.get("/api/streams/:id/thumbnail.jpg").handler(this::thumbnail);
        router.get("/api/recordings").handler(auth.roles(Role.MERCHANT)).handler(this::recordings);
        router.getWithRegex("/api/recordings/([a-z0-9-]+)\\.mp4").handler(auth.roles(Role.MERCHANT)).handler(this::download);
    }

    private void thumbnail(RoutingContext ctx) {
        byte[] jpeg = thumbnails.jpeg(ctx.pathParam("id"));
        if (jpeg == null) {
            throw ApiException.notFound("no_thumbnail", "No thumbnail: the stream is not live or has no picture yet.");
        }
        ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "public, max-age=5")
                .end(Buffer.buffer(jpeg));
    }

    private void recordings(RoutingContext ctx) {
        ctx.vertx().<JsonArray>executeBlocking(() -> {
            List<JsonObject> out = new ArrayList<>();
            Path dir = recorder.dir();
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path meta : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        JsonObject m = new JsonObject(Files.readString(meta));
                        Path mp4 = dir.resolve(m.getString("id") + ".mp4");
                        if (Files.exists(mp4)) {
                            out.add(new JsonObject()
                                    .put("id", m.getString("id"))
                                    .put("stream", m.getString("stream"))
                                    .put("startedAt", java.time.Instant.ofEpochMilli(m.getLong("startedAt")).toString())
                                    .put("durationSeconds", m.getLong("durationMillis") / 1000.0)
                                    .put("sizeBytes", Files.size(mp4))
                                    .put("url", "/api/recordings/" + m.getString("id") + ".mp4"));
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            out.sort(Comparator.comparing((JsonObject o) -> o.getString("startedAt")).reversed());
            return new JsonArray(out);
        }).onSuccess(list -> ctx.json(new JsonObject().put("recordings", list))).onFailure(ctx::fail);
    }

    private void download(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        Path mp4 = recorder.dir().resolve(id + ".mp4");
        if (!RECORDING_ID.matcher(id).matches() || !Files.exists(mp4)) {
            throw ApiException.notFound("recording_not_found", "No such recording.");
        }
        ctx.response().putHeader("Content-Type", "video/mp4")
                .putHeader("Content-Disposition", "attachment; filename=\"" + id + ".mp4\"")
                .sendFile(mp4.toString());
    }
}

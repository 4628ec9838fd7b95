package live.blossom.chat.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import live.blossom.chat.moderation.Moderation;
import live.blossom.chat.presence.PresenceBoard;
import live.blossom.chat.protocol.ClientMessageDecoder;
import live.blossom.chat.protocol.ProtocolError;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;

/** The REST face of moderation and presence under {@code /api/rooms/{room}/...}. */
public final class ModerationRoutes {

    private static final String BASE = "/api/rooms/:room/moderation";
    private static final long MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

    private final Moderation moderation;
    private final PresenceBoard presence;

    public ModerationRoutes(Moderation moderation, PresenceBoard presence) {
        this.moderation = moderation;
        this.presence = presence;
    }

    public void mount(Router router, Authentication auth) {
        var mods = auth.roles(Role.HOST, Role.MODERATOR);
        router.get(BASE).handler(mods).handler(ctx -> reply(ctx, moderation.rulesOf(room(ctx))));
        router.post(BASE + "/delete").handler(mods).handler(ctx -> act(ctx, (body) ->
                moderation.delete(room(ctx), body.number("seq", 0, Long.MAX_VALUE), Principal.of(ctx))));
        router.post(BASE + "/timeout").handler(mods).handler(ctx -> act(ctx, (body) ->
                moderation.timeout(room(ctx), body.text("user", 64), body.number("seconds", 1, MAX_TIMEOUT_SECONDS),
                        Principal.of(ctx))));
        router.post(BASE + "/ban").handler(mods).handler(ctx -> act(ctx, (body) ->
                moderation.ban(room(ctx), body.text("user", 64), Principal.of(ctx))));
        router.delete(BASE + "/ban/:user").handler(mods).handler(ctx ->
                reply(ctx, moderation.unban(room(ctx), user(ctx), Principal.of(ctx))));
        router.put(BASE + "/slow-mode").handler(mods).handler(ctx -> act(ctx, (body) ->
                moderation.slowMode(room(ctx), (int) body.number("seconds", 0, 3600), Principal.of(ctx))));
        router.put(BASE + "/blocked-words").handler(mods).handler(ctx -> act(ctx, (body) -> {
            try {
                return moderation.blockedWords(room(ctx), ClientMessageDecoder.words(body.json()), Principal.of(ctx));
            } catch (ProtocolError e) {
                throw ApiException.badRequest("bad_words", e.getMessage());
            }
        }));
        router.get("/api/rooms/:room/presence").handler(ctx -> reply(ctx, presence.snapshot(room(ctx))));
    }

    private static String room(RoutingContext ctx) {
        String room = ctx.pathParam("room");
        if (room == null || !ClientMessageDecoder.ROOM.matcher(room).matches()) {
            throw ApiException.badRequest("bad_room", "A room id is lower-case letters, digits and '-', at most 64.");
        }
        return room;
    }

    private static String user(RoutingContext ctx) {
        String user = ctx.pathParam("user");
        if (user == null || user.isEmpty() || user.length() > 64) {
            throw ApiException.badRequest("bad_user", "Name the user id (at most 64 characters).");
        }
        return user;
    }

    private static void act(RoutingContext ctx, Function<JsonRequest, Future<JsonObject>> action) {
        reply(ctx, action.apply(JsonRequest.of(ctx)));
    }

    private static void reply(RoutingContext ctx, Future<JsonObject> result) {
        result.onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(ctx::fail);
    }
}

package live.blossom.booking.studio;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;
import live.blossom.booking.http.Replies;

/** Studios in Redis: one JSON document each plus the set of their ids. */
public final class StudioStore {

    private final BookingRedis redis;

    public StudioStore(BookingRedis redis) {
        this.redis = redis;
    }

    public Future<Studio> create(Studio studio) {
        return redis.call(r -> r.set(BookingKeyspace.studio(studio.id()), studio.toJson().encode()))
                .compose(ok -> redis.call(r -> r.sadd(BookingKeyspace.STUDIOS, studio.id())))
                .map(added -> studio);
    }

    /** Replaces a studio; a 404 if there is none with its id. Existing bookings stay as they are. */
    public Future<Studio> update(Studio studio) {
        return redis.call(r -> r.set(BookingKeyspace.studio(studio.id()), studio.toJson().encode(), SetArgs.Builder.xx()))
                .map(ok -> {
                    if (ok == null) {
                        throw Replies.notFound("no_such_studio", "studio");
                    }
                    return studio;
                });
    }

    /** The studio; a failed future with a 404 if there is none. */
    public Future<Studio> get(String id) {
        return redis.call(r -> r.get(BookingKeyspace.studio(id))).map(json -> {
            if (json == null) {
                throw Replies.notFound("no_such_studio", "studio");
            }
            return Studio.fromJson(new JsonObject(json));
        });
    }

    public Future<List<Studio>> all() {
        return redis.call(r -> r.smembers(BookingKeyspace.STUDIOS)).compose(ids -> {
            if (ids.isEmpty()) {
                return Future.succeededFuture(List.<Studio>of());
            }
            String[] keys = ids.stream().map(BookingKeyspace::studio).toArray(String[]::new);
            return redis.call(r -> r.mget(keys)).map(values -> {
                List<Studio> studios = new ArrayList<>();
                for (KeyValue<String, String> value : values) {
                    if (value.hasValue()) {
                        studios.add(Studio.fromJson(new JsonObject(value.getValue())));
                    }
                }
                studios.sort(Comparator.comparing(Studio::name).thenComparing(Studio::id));
                return studios;
            });
        });
    }
}

package live.blossom.booking;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.ConfigKey;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.platform.testing.TestNode;

/** A node with the booking module for tests: real Redis through the launcher, HTTP on a free port, a hand-set clock. */
final class BookingNode implements AutoCloseable {

    final Platform platform;
    final BookingModule module;
    final MutableClock clock;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final StatefulRedisConnection<String, String> redis;
    final String admin;

    private BookingNode(Platform platform, BookingModule module, MutableClock clock) {
        this.platform = platform;
        this.module = module;
        this.clock = clock;
        this.redis = platform.redisClient().connect();
        this.admin = token("admin-1", "Base Admin", Role.ADMIN);
    }

    /** A node whose clock starts at {@code now}, with the given config overrides (key, value, ...). */
    static BookingNode start(Path dir, Instant now, Object... overrides) {
        BlossomConfig config = TestNode.config(dir)
                // Correctness tests, not latency tests: a cold JVM on a busy 2-core machine may be slow.
                .with(PlatformKeys.REDIS_TIMEOUT, "3s");
        for (int i = 0; i < overrides.length; i += 2) {
            config = config.with((ConfigKey) overrides[i], overrides[i + 1]);
        }
        MutableClock clock = new MutableClock(now);
        BookingModule module = new BookingModule(clock);
        return new BookingNode(Platform.start(config, false, List.of(module)), module, clock);
    }

    RedisCommands<String, String> redis() {
        return redis.sync();
    }

    String token(String user, String name, Role... roles) {
        return platform.auth().tokens().issue(user, name, Set.of(roles));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest postRequest(String path, String token, String body) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send(postRequest(path, token, body));
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String token, String body) {
        return http.sendAsync(postRequest(path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** Opening hours {"open":..,"close":..} for every day of the week. */
    static JsonObject everyDay(String open, String close) {
        JsonObject hours = new JsonObject();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            hours.put(day, new JsonObject().put("open", open).put("close", close));
        }
        return hours;
    }

    /** Creates a studio as the admin; returns its id. */
    String studio(String name, String zone, JsonObject hours, int slot, int min, int max, int buffer) {
        JsonObject body = new JsonObject().put("name", name).put("description", "Lights, three cameras, a product table")
                .put("equipment", new JsonArray().add("3 cameras").add("ring light")).put("timeZone", zone)
                .put("hours", hours).put("slotMinutes", slot).put("minMinutes", min).put("maxMinutes", max)
                .put("bufferMinutes", buffer);
        HttpResponse<String> response = post("/api/studios", admin, body.encode());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("studio: " + response.body());
        }
        return json(response).getString("id");
    }

    static String bookingBody(String start, String end, String title) {
        return new JsonObject().put("start", start).put("end", end).put("title", title).encode();
    }

    HttpResponse<String> book(String studio, String token, String start, String end) {
        return post("/api/studios/" + studio + "/bookings", token, bookingBody(start, end, "Yak milk morning show"));
    }

    /** Books and insists on success; returns the reply (booking, session, streamKey). */
    JsonObject booked(String studio, String token, String start, String end) {
        HttpResponse<String> response = book(studio, token, start, end);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("booking: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    JsonObject availability(String studio, String from, String to) {
        HttpResponse<String> response = get("/api/studios/" + studio + "/availability?from=" + enc(from) + "&to=" + enc(to), null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("availability: " + response.body());
        }
        return json(response);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Everything the booking plane holds in Redis, to compare before and after a request that must change nothing. */
    Map<String, Object> snapshot() {
        RedisCommands<String, String> r = redis();
        Map<String, Object> all = new TreeMap<>();
        for (String key : r.keys(BookingKeyspace.PREFIX + "*")) {
            switch (r.type(key)) {
                case "string" -> all.put(key, r.get(key));
                case "hash" -> all.put(key, new TreeMap<>(r.hgetall(key)));
                case "set" -> all.put(key, new TreeSet<>(r.smembers(key)));
                case "zset" -> all.put(key, r.zrangeWithScores(key, 0, -1).stream().map(ScoredValue::toString).toList());
                default -> all.put(key, r.type(key));
            }
        }
        return all;
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    @Override
    public void close() {
        redis.close();
        platform.close();
    }
}

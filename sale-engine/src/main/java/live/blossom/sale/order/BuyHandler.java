package live.blossom.sale.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;
import live.blossom.sale.RedisFailures;
import live.blossom.sale.events.CommerceEvents;
import live.blossom.sale.flash.SaleDirectory;
import live.blossom.sale.http.RateLimiter;
import live.blossom.sale.http.Replies;
import live.blossom.sale.http.TokenCache;

/**
 * {@code POST /api/sales/{id}/orders}: the path every buyer of a rush takes.
 *
 * <p>Cheapest refusals first: sold out from memory (before auth and body, see {@link #soldOutGate}),
 * then the address's rate, the token (cached), the user's rate, the request's shape and the bound
 * on requests waiting for Redis; only then one EVALSHA of reserve.lua decides. Nothing here blocks
 * and nothing queues: a Redis that is away or slow answers 503 with Retry-After.
 */
public final class BuyHandler {

    private static final byte[] SOLD_OUT = new JsonObject().put("error", "sold_out")
            .put("message", "This sale is sold out.").encode().getBytes(StandardCharsets.UTF_8);

    private final OrderStore orders;
    private final SoldOutFlags soldOut;
    private final SaleDirectory sales;
    private final CommerceEvents events;
    private final TokenCache tokens;
    private final RateLimiter perUser;
    private final RateLimiter perAddress;
    private final InFlight inFlight;
    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public BuyHandler(OrderStore orders, SoldOutFlags soldOut, SaleDirectory sales, CommerceEvents events,
                      TokenCache tokens, RateLimiter perUser, RateLimiter perAddress, InFlight inFlight,
                      MeterRegistry registry) {
        this.orders = orders;
        this.soldOut = soldOut;
        this.sales = sales;
        this.events = events;
        this.tokens = tokens;
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.inFlight = inFlight;
        this.registry = registry;
    }

    /**
     * Runs before the body handler: a sold-out sale is public knowledge (its GET says so), so the
     * answer needs neither the caller's identity nor the body. Callers must not rely on anything
     * else being checked for a sold-out sale.
     */
    public void soldOutGate(RoutingContext ctx) {
        String sale = ctx.pathParam("id");
        if (sale != null && soldOut.answerFromMemory(sale)) {
            count("sold_out_memory");
            ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(SOLD_OUT));
            return;
        }
        ctx.next();
    }

    public void handle(RoutingContext ctx) {
        String sale = Replies.saleId(ctx);
        // the connection's peer: no Forwarded-header parsing on the hot path (and none to spoof)
        long wait = perAddress.tryAcquire(ctx.request().connection().remoteAddress().host());
        if (wait > 0) {
            count("rate_limited");
            throw ApiException.tooManyRequests("Too many attempts from this address; wait a moment.", wait);
        }
        tokens.principal(ctx.request().getHeader("Authorization")).onComplete(auth -> {
            if (auth.failed()) {
                ctx.fail(auth.cause());
                return;
            }
            try {
                authorized(ctx, sale, auth.result());
            } catch (ApiException e) {
                ctx.fail(e);
            }
        });
    }

    private void authorized(RoutingContext ctx, String sale, Principal buyer) {
        if (!buyer.has(Role.VIEWER)) {
            throw ApiException.forbidden("Buying needs the viewer role; you are signed in as "
                    + buyer.roles().toString().toLowerCase() + ".");
        }
        long wait = perUser.tryAcquire(buyer.userId());
        if (wait > 0) {
            count("rate_limited");
            throw ApiException.tooManyRequests("Too many attempts; wait a moment before trying again.", wait);
        }
        String idemKey = ctx.request().getHeader("Idempotency-Key");
        if (!isIdempotencyKey(idemKey)) {
            throw ApiException.badRequest("missing_idempotency_key", "Send an Idempotency-Key header (1-64 letters, "
                    + "digits, '_', '.', ':' or '-'), the same one when you retry this purchase.");
        }
        long units = 1;
        if (ctx.body().length() > 0) {
            units = JsonRequest.of(ctx).number("units", 1, 1000, 1);
        }
        if (!inFlight.tryEnter()) {
            count("shed");
            throw ApiException.unavailable("overloaded", "Too many purchases at once on this node; try again in a second.", 1);
        }
        long now = System.currentTimeMillis();
        long wanted = units;
        orders.reserve(ctx.vertx().getOrCreateContext(), sale, buyer.userId(), buyer.name(), units, idemKey, now)
                .onComplete(done -> {
                    inFlight.leave();
                    if (done.failed()) {
                        count("store_error");
                        ctx.fail(RedisFailures.toApi(done.cause()));
                        return;
                    }
                    answer(ctx, sale, buyer, wanted, now, done.result());
                });
    }

    private void answer(RoutingContext ctx, String sale, Principal buyer, long units, long now, Reservation r) {
        count(r.status());
        switch (r.status()) {
            case "ok" -> {
                JsonObject order = new JsonObject().put("id", r.orderId()).put("sale", sale).put("state", "reserved")
                        .put("units", units).put("amountFen", r.amountFen()).put("buyer", buyer.userId())
                        .put("createdAt", now).put("payBy", r.deadline());
                created(ctx, order);
                if (r.left() == 0) {
                    soldOut.markSoldOut(sale, r.restocks());
                }
                sales.get(sale).onSuccess(s -> {
                    events.orderPlaced(s, buyer.name(), units, r.left(), r.restocks());
                    if (r.left() == 0) {
                        events.soldOut(s);
                    }
                });
            }
            case "dup" -> {
                io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
                orders.get(r.orderId()).onComplete(order -> context.runOnContext(v -> {
                    if (order.succeeded()) {
                        ctx.response().putHeader("Idempotent-Replay", "true");
                        created(ctx, order.result().toJson());
                    } else {
                        ctx.fail(RedisFailures.toApi(order.cause()));
                    }
                }));
            }
            case "sold_out" -> {
                if (r.left() == 0) {
                    soldOut.markSoldOut(sale, r.restocks());
                    ctx.fail(ApiException.conflict("sold_out", "This sale is sold out."));
                } else {
                    ctx.fail(ApiException.conflict("not_enough_stock", "Only " + r.left() + " units are left."));
                }
            }
            case "limit_reached" -> ctx.fail(ApiException.unprocessable("limit_reached", "You already hold "
                    + r.bought() + " of the " + r.limit() + " units one buyer may have in this sale."));
            case "not_open" -> ctx.fail(ApiException.unprocessable("not_open", r.opensAt() > 0
                    ? "This sale opens at " + java.time.Instant.ofEpochMilli(r.opensAt()) + "."
                    : "This sale opens when the host starts it."));
            case "closed" -> ctx.fail(ApiException.unprocessable("closed", "This sale has ended."));
            case "missing" -> ctx.fail(ApiException.notFound("no_such_sale", "There is no sale '" + sale + "'."));
            default -> ctx.fail(new IllegalStateException("reserve answered " + r.status()));
        }
    }

    /** {@code [A-Za-z0-9_.:-]{1,64}} without a regex (hot path). */
    static boolean isIdempotencyKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 64) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void created(RoutingContext ctx, JsonObject order) {
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Location", "/api/orders/" + order.getString("id")).end(order.toBuffer());
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("blossom.sale.buy.attempts")
                .description("Buy attempts by outcome").tag("outcome", o).register(registry)).increment();
    }
}

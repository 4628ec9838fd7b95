package live.blossom.sale.flash;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;
import live.blossom.sale.catalog.CatalogRoutes;
import live.blossom.sale.http.Replies;

/** Merchants set up flash sales; hosts open and close them on cue; anyone reads them (countdowns). */
public final class SaleRoutes {

    public static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final long MAX_TIME = 32_503_680_000_000L; // year 3000: anything later is a mistake

    private final SaleStore store;
    private final SaleSchedule schedule;
    private final Duration defaultWindow;

    public SaleRoutes(SaleStore store, SaleSchedule schedule, Duration defaultWindow) {
        this.store = store;
        this.schedule = schedule;
        this.defaultWindow = defaultWindow;
    }

    public void mount(Router router, Authentication auth) {
        router.post("/api/sales").handler(auth.roles(Role.MERCHANT)).handler(this::create);
        router.get("/api/sales/:id").handler(this::get);
        router.post("/api/sales/:id/open").handler(auth.roles(Role.HOST, Role.MERCHANT)).handler(this::open);
        router.post("/api/sales/:id/close").handler(auth.roles(Role.HOST, Role.MERCHANT)).handler(this::close);
        router.get("/api/rooms/:room/sales").handler(this::ofRoom);
    }

    private void create(RoutingContext ctx) {
        JsonRequest body = JsonRequest.of(ctx);
        String sku = body.text("sku", 64);
        if (!CatalogRoutes.SKU.matcher(sku).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'sku' is not a valid SKU.");
        }
        String room = body.text("room", 64);
        if (!ROOM.matcher(room).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'room' must be lower-case letters, digits and '-'.");
        }
        long price = body.number("priceFen", 1, 10_000_000_000L);
        long units = body.number("units", 1, 100_000_000L);
        long limit = body.number("perUserLimit", 1, 1000, 1);
        long opensAt = body.number("opensAt", 0, MAX_TIME, 0);
        long closesAt = body.number("closesAt", 0, MAX_TIME, 0);
        long windowSeconds = body.number("paymentWindowSeconds", 1, 86_400, defaultWindow.toSeconds());
        if (opensAt > 0 && closesAt > 0 && closesAt <= opensAt) {
            throw ApiException.badRequest("invalid_field", "Field 'closesAt' must be after 'opensAt'.");
        }
        if (closesAt > 0 && closesAt <= System.currentTimeMillis()) {
            throw ApiException.badRequest("invalid_field", "Field 'closesAt' is in the past.");
        }
        SaleStore.Draft draft = new SaleStore.Draft(sku, price, units, limit, opensAt, closesAt, windowSeconds * 1000,
                room, Principal.of(ctx).userId());
        Replies.json(ctx, 201, store.create(draft).map(sale -> sale.toJson(System.currentTimeMillis(), sale.offered())));
    }

    private void get(RoutingContext ctx) {
        String id = Replies.saleId(ctx);
        Replies.json(ctx, 200, view(id));
    }

    private Future<JsonObject> view(String id) {
        return schedule.directory().get(id).compose(sale -> store.left(id)
                .map(left -> sale.toJson(System.currentTimeMillis(), left)));
    }

    private void open(RoutingContext ctx) {
        String id = Replies.saleId(ctx);
        Principal caller = Principal.of(ctx);
        Replies.json(ctx, 200, ownedOrHosted(id, caller).compose(x -> store.open(id))
                .compose(sale -> schedule.announce(sale).compose(y -> view(id))));
    }

    private void close(RoutingContext ctx) {
        String id = Replies.saleId(ctx);
        Principal caller = Principal.of(ctx);
        Replies.json(ctx, 200, ownedOrHosted(id, caller).compose(x -> store.close(id))
                .compose(sale -> schedule.announce(sale).compose(y -> view(id))));
    }

    /** Hosts run the show in any room; a merchant only their own sales. */
    private Future<FlashSale> ownedOrHosted(String id, Principal caller) {
        return schedule.directory().load(id).map(sale -> {
            if (caller.has(Role.HOST) || sale.merchant().equals(caller.userId())) {
                return sale;
            }
            throw ApiException.forbidden("This sale belongs to another merchant.");
        });
    }

    private void ofRoom(RoutingContext ctx) {
        String room = ctx.pathParam("room");
        if (room == null || !ROOM.matcher(room).matches()) {
            throw ApiException.notFound("no_such_room", "There is no such room.");
        }
        Replies.json(ctx, 200, store.ofRoom(room).compose(ids -> {
            List<Future<JsonObject>> views = new ArrayList<>();
            for (String id : ids) {
                views.add(view(id).otherwiseEmpty());
            }
            return Future.all(views).map(all -> {
                JsonArray sales = new JsonArray();
                for (Future<JsonObject> v : views) {
                    if (v.result() != null) {
                        sales.add(v.result());
                    }
                }
                return new JsonObject().put("room", room).put("sales", sales).put("serverTime", System.currentTimeMillis());
            });
        }));
    }
}

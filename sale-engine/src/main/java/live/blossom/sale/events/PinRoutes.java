package live.blossom.sale.events;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;
import live.blossom.sale.SaleKeyspace;
import live.blossom.sale.catalog.CatalogRoutes;
import live.blossom.sale.catalog.ProductStore;
import live.blossom.sale.flash.SaleDirectory;
import live.blossom.sale.flash.SaleRoutes;
import live.blossom.sale.http.Replies;

/** The host (or merchant) pins a product in a room: the chat shows it as a card, late joiners read it here. */
public final class PinRoutes {

    private final RedisAsyncCommands<String, String> redis;
    private final ProductStore products;
    private final SaleDirectory sales;
    private final CommerceEvents events;

    public PinRoutes(RedisAsyncCommands<String, String> redis, ProductStore products, SaleDirectory sales, CommerceEvents events) {
        this.redis = redis;
        this.products = products;
        this.sales = sales;
        this.events = events;
    }

    public void mount(Router router, Authentication auth) {
        router.post("/api/rooms/:room/pin").handler(auth.roles(Role.HOST, Role.MERCHANT)).handler(this::pin);
        router.get("/api/rooms/:room/pin").handler(this::current);
    }

    private static String room(RoutingContext ctx) {
        String room = ctx.pathParam("room");
        if (room == null || !SaleRoutes.ROOM.matcher(room).matches()) {
            throw ApiException.notFound("no_such_room", "There is no such room.");
        }
        return room;
    }

    private void pin(RoutingContext ctx) {
        String room = room(ctx);
        JsonRequest body = JsonRequest.of(ctx);
        String sku = body.text("sku", 64);
        if (!CatalogRoutes.SKU.matcher(sku).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'sku' is not a valid SKU.");
        }
        String saleId = body.text("sale", 32, null);
        Future<String> checkedSale = saleId == null ? Future.succeededFuture(null) : sales.get(saleId).map(sale -> {
            if (!sale.sku().equals(sku) || !sale.room().equals(room)) {
                throw ApiException.unprocessable("sale_mismatch", "Sale '" + saleId + "' is not a sale of " + sku + " in this room.");
            }
            return saleId;
        });
        Replies.json(ctx, 200, checkedSale.compose(sale -> products.get(sku).compose(product -> {
            JsonObject pin = new JsonObject().put("room", room).put("product", new JsonObject().put("sku", product.sku())
                    .put("name", product.name()).put("priceFen", product.priceFen()).put("imageUrl", product.imageUrl()))
                    .put("sale", sale).put("pinnedAt", System.currentTimeMillis());
            return Future.fromCompletionStage(redis.set(SaleKeyspace.roomPin(room), pin.encode())).map(ok -> {
                events.productPinned(room, product, sale);
                return pin;
            });
        })));
    }

    private void current(RoutingContext ctx) {
        String room = room(ctx);
        Replies.json(ctx, 200, Future.fromCompletionStage(redis.get(SaleKeyspace.roomPin(room))).map(pin -> {
            if (pin == null) {
                throw ApiException.notFound("no_pin", "Nothing is pinned in this room.");
            }
            return new JsonObject(pin);
        }));
    }
}

package live.blossom.sale.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;
import live.blossom.sale.http.Replies;

/** Merchants list products; anyone may read one. */
public final class CatalogRoutes {

    public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ProductStore products;

    public CatalogRoutes(ProductStore products) {
        this.products = products;
    }

    public void mount(Router router, Authentication auth) {
        router.post("/api/products").handler(auth.roles(Role.MERCHANT)).handler(this::create);
        router.get("/api/products").handler(auth.roles(Role.MERCHANT)).handler(this::mine);
        router.get("/api/products/:sku").handler(this::get);
        router.post("/api/products/:sku/stock").handler(auth.roles(Role.MERCHANT)).handler(this::restock);
    }

    private void create(RoutingContext ctx) {
        JsonRequest body = JsonRequest.of(ctx);
        String sku = body.text("sku", 64);
        if (!SKU.matcher(sku).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'sku' may hold letters, digits, '.', '_' and '-' only.");
        }
        String imageUrl = body.text("imageUrl", 500, "");
        if (!imageUrl.isEmpty() && !imageUrl.startsWith("https://") && !imageUrl.startsWith("http://") && !imageUrl.startsWith("/")) {
            throw ApiException.badRequest("invalid_field", "Field 'imageUrl' must be an http(s) URL or a path starting with '/'.");
        }
        Product product = new Product(sku, body.text("name", 120), body.text("description", 2000, ""), imageUrl,
                body.number("priceFen", 1, 10_000_000_000L), body.number("stock", 0, 1_000_000_000L),
                Principal.of(ctx).userId());
        Replies.json(ctx, 201, products.create(product).map(Product::toJson));
    }

    private void mine(RoutingContext ctx) {
        Replies.json(ctx, 200, products.ofMerchant(Principal.of(ctx).userId()).map(list -> {
            JsonArray items = new JsonArray();
            list.forEach(p -> items.add(p.toJson()));
            return new JsonObject().put("products", items);
        }));
    }

    private void get(RoutingContext ctx) {
        String sku = sku(ctx);
        Replies.json(ctx, 200, products.get(sku).map(Product::toJson));
    }

    private void restock(RoutingContext ctx) {
        String sku = sku(ctx);
        long units = JsonRequest.of(ctx).number("units", 1, 1_000_000_000L);
        Replies.json(ctx, 200, products.restock(sku, Principal.of(ctx).userId(), units)
                .compose(stock -> products.get(sku)).map(Product::toJson));
    }

    private static String sku(RoutingContext ctx) {
        String sku = ctx.pathParam("sku");
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw ApiException.notFound("no_such_product", "There is no product with this SKU.");
        }
        return sku;
    }
}

package live.blossom.sale.catalog;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.redis.LuaScript;
import live.blossom.sale.SaleKeyspace;

/** Products in Redis: one hash per SKU, and a set of SKUs per merchant. */
public final class ProductStore {

    private final RedisAsyncCommands<String, String> redis;
    private final LuaScript allocate;

    public ProductStore(RedisAsyncCommands<String, String> redis, LuaScript allocate) {
        this.redis = redis;
        this.allocate = allocate;
    }

    /** Adds a product; 409 if the SKU is taken. */
    public Future<Product> create(Product product) {
        String key = SaleKeyspace.product(product.sku());
        return Future.fromCompletionStage(redis.hsetnx(key, "sku", product.sku())).compose(created -> {
            if (!created) {
                return Future.failedFuture(ApiException.conflict("sku_taken", "A product with SKU '" + product.sku()
                        + "' exists already; choose another SKU."));
            }
            return Future.fromCompletionStage(redis.hset(key, product.toHash()))
                    .compose(ok -> Future.fromCompletionStage(redis.sadd(SaleKeyspace.merchantProducts(product.merchant()), product.sku())))
                    .map(ok -> product);
        });
    }

    /** The product, or a 404. */
    public Future<Product> get(String sku) {
        return Future.fromCompletionStage(redis.hgetall(SaleKeyspace.product(sku))).map(hash -> {
            if (hash == null || !hash.containsKey("priceFen")) {
                throw ApiException.notFound("no_such_product", "There is no product with SKU '" + sku + "'.");
            }
            return Product.fromHash(hash);
        });
    }

    public Future<List<Product>> ofMerchant(String merchant) {
        return Future.fromCompletionStage(redis.smembers(SaleKeyspace.merchantProducts(merchant))).compose(skus -> {
            List<Future<Map<String, String>>> reads = new ArrayList<>();
            for (String sku : skus) {
                reads.add(Future.fromCompletionStage(redis.hgetall(SaleKeyspace.product(sku))));
            }
            return Future.all(reads).map(all -> {
                List<Product> products = new ArrayList<>();
                for (int i = 0; i < reads.size(); i++) {
                    Map<String, String> hash = all.resultAt(i);
                    if (hash != null && hash.containsKey("priceFen")) {
                        products.add(Product.fromHash(hash));
                    }
                }
                products.sort((a, b) -> a.sku().compareTo(b.sku()));
                return products;
            });
        });
    }

    /** Adds units to the merchant's stock of a product. */
    public Future<Long> restock(String sku, String merchant, long units) {
        return allocate(sku, merchant, -units);
    }

    /**
     * Takes units out of the merchant's stock for a flash sale (negative gives them back).
     * Fails 404 for an unknown product, 403 for another merchant's, 422 when the stock is short.
     */
    public Future<Long> allocate(String sku, String merchant, long units) {
        return Future.fromCompletionStage(allocate.run(redis, new String[] {SaleKeyspace.product(sku)},
                Long.toString(units), merchant)).map(reply -> {
            String status = (String) reply.get(0);
            return switch (status) {
                case "ok" -> (Long) reply.get(1);
                case "missing" -> throw ApiException.notFound("no_such_product", "There is no product with SKU '" + sku + "'.");
                case "not_yours" -> throw ApiException.forbidden("Product '" + sku + "' belongs to another merchant.");
                case "short" -> throw ApiException.unprocessable("stock_short", "Product '" + sku + "' has only "
                        + reply.get(1) + " units in stock.");
                default -> throw new IllegalStateException("allocate answered " + status);
            };
        });
    }
}

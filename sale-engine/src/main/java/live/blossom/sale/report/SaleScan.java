package live.blossom.sale.report;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import live.blossom.sale.SaleKeyspace;
import live.blossom.sale.flash.FlashSale;

/**
 * Figures and the stock audit of a sale, from its orders themselves (not from counters the scripts
 * keep), so the audit is an independent check: units offered = units left + units in reserved or
 * paid orders, and the per-buyer counts add up to the same held units.
 */
public final class SaleScan {

    private static final int PAGE = 1000;
    private static final int ATTEMPTS = 3;

    private final RedisAsyncCommands<String, String> redis;
    private final OrderLog log;

    public SaleScan(RedisAsyncCommands<String, String> redis, OrderLog log) {
        this.redis = redis;
        this.log = log;
    }

    public Future<SaleFigures> figures(String sale) {
        return scan(sale, null, new SaleFigures());
    }

    private Future<SaleFigures> scan(String sale, String after, SaleFigures figures) {
        return log.page(sale, after, PAGE).compose(page -> {
            page.orders().forEach(figures::add);
            return page.next() == null ? Future.succeededFuture(figures) : scan(sale, page.next(), figures);
        });
    }

    /**
     * The audit. Buying may go on meanwhile, so stock and log length are read before and after the
     * scan; when they moved, the scan is repeated (up to three times) and {@code settled} says whether
     * the figures are one consistent picture.
     */
    public Future<JsonObject> audit(FlashSale sale) {
        return audit(sale, 1);
    }

    private Future<JsonObject> audit(FlashSale sale, int attempt) {
        String id = sale.id();
        return marker(id).compose(before -> figures(id).compose(figures -> buyersTotal(id).compose(buyers ->
                marker(id).compose(after -> {
                    boolean settled = before.equals(after);
                    if (!settled && attempt < ATTEMPTS) {
                        return audit(sale, attempt + 1);
                    }
                    long left = Long.parseLong(after.split(":")[0]);
                    boolean holds = sale.offered() == left + figures.unitsHeld() && left >= 0;
                    return Future.succeededFuture(new JsonObject().put("sale", id).put("offered", sale.offered())
                            .put("left", left).put("unitsReserved", figures.unitsReserved)
                            .put("unitsPaid", figures.unitsPaid).put("unitsHeld", figures.unitsHeld())
                            .put("buyerUnits", buyers).put("orders", figures.orders)
                            .put("holds", holds && buyers == figures.unitsHeld())
                            .put("settled", settled).put("checkedAt", System.currentTimeMillis()));
                }))));
    }

    /** "stock:log length": changes whenever any transition runs. */
    private Future<String> marker(String id) {
        return Future.fromCompletionStage(redis.get(SaleKeyspace.stock(id))).compose(stock ->
                Future.fromCompletionStage(redis.xlen(SaleKeyspace.log(id))).map(len -> (stock == null ? "0" : stock) + ":" + len));
    }

    private Future<Long> buyersTotal(String id) {
        return Future.fromCompletionStage(redis.hgetall(SaleKeyspace.buyers(id))).map((Map<String, String> all) -> {
            long total = 0;
            for (String units : all.values()) {
                total += Long.parseLong(units);
            }
            return total;
        });
    }
}

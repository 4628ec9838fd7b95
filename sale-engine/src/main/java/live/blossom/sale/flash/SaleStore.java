package live.blossom.sale.flash;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.redis.LuaScript;
import live.blossom.sale.SaleKeyspace;
import live.blossom.sale.catalog.ProductStore;

/** Creates sales (taking the units from the merchant's product stock), reads them, opens and closes them on cue. */
public final class SaleStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** What a merchant asks for; times in epoch ms, 0 for "on cue". */
    public record Draft(String sku, long priceFen, long units, long perUserLimit, long opensAt, long closesAt,
                        long windowMs, String room, String merchant) {
    }

    private final RedisAsyncCommands<String, String> redis;
    private final LuaScript create;
    private final ProductStore products;
    private final SaleDirectory directory;

    public SaleStore(RedisAsyncCommands<String, String> redis, LuaScript create, ProductStore products, SaleDirectory directory) {
        this.redis = redis;
        this.create = create;
        this.products = products;
        this.directory = directory;
    }

    public Future<FlashSale> create(Draft d) {
        String id = newId();
        return products.allocate(d.sku(), d.merchant(), d.units())
                .compose(stockLeft -> products.get(d.sku()))
                .compose(product -> {
                    FlashSale sale = new FlashSale(id, product.sku(), product.name(), product.imageUrl(),
                            product.priceFen(), d.priceFen(), d.units(), d.perUserLimit(), d.opensAt(), d.closesAt(),
                            0, 0, d.windowMs(), d.room(), d.merchant(), System.currentTimeMillis());
                    List<String> args = new ArrayList<>();
                    sale.toHash().forEach((k, v) -> {
                        args.add(k);
                        args.add(v);
                    });
                    return Future.fromCompletionStage(create.run(redis, new String[] {SaleKeyspace.meta(id), SaleKeyspace.stock(id)},
                            args.toArray(String[]::new))).compose(reply -> Long.valueOf(1).equals(reply.isEmpty() ? null : reply.get(0))
                            ? index(sale)
                            : Future.<FlashSale>failedFuture(new IllegalStateException("sale id " + id + " exists already")))
                            .recover(failure ->
                            // the units were taken from the product: give them back before failing
                            products.allocate(d.sku(), d.merchant(), -d.units()).transform(x -> Future.failedFuture(failure)));
                });
    }

    private Future<FlashSale> index(FlashSale sale) {
        return Future.all(List.of(
                Future.fromCompletionStage(redis.sadd(SaleKeyspace.LIVE_SALES, sale.id())),
                Future.fromCompletionStage(redis.sadd(SaleKeyspace.roomSales(sale.room()), sale.id())),
                Future.fromCompletionStage(redis.sadd(SaleKeyspace.merchantSales(sale.merchant()), sale.id()))))
                .map(all -> sale);
    }

    /** Units left of a sale. */
    public Future<Long> left(String id) {
        return Future.fromCompletionStage(redis.get(SaleKeyspace.stock(id))).map(v -> v == null ? 0L : Long.parseLong(v));
    }

    /** Sets openedAt (on cue); a sale already open stays as it is. 422 for a closed sale. */
    public Future<FlashSale> open(String id) {
        return directory.load(id).compose(sale -> {
            long now = System.currentTimeMillis();
            SaleState state = sale.state(now);
            if (state == SaleState.CLOSED) {
                return Future.failedFuture(ApiException.unprocessable("closed", "This sale has ended; it cannot open again."));
            }
            if (state == SaleState.OPEN) {
                return Future.succeededFuture(sale);
            }
            return Future.fromCompletionStage(redis.hsetnx(SaleKeyspace.meta(id), "openedAt", Long.toString(now)))
                    .compose(set -> directory.load(id));
        });
    }

    /** Sets closedAt (on cue); closing twice is the same as once. */
    public Future<FlashSale> close(String id) {
        return directory.load(id).compose(sale -> {
            if (sale.state(System.currentTimeMillis()) == SaleState.CLOSED) {
                return Future.succeededFuture(sale);
            }
            return Future.fromCompletionStage(redis.hsetnx(SaleKeyspace.meta(id), "closedAt",
                    Long.toString(System.currentTimeMillis()))).compose(set -> directory.load(id));
        });
    }

    /** Marks an announcement as made; true for the one node that made it first. */
    public Future<Boolean> claimAnnouncement(String id, String what) {
        return Future.fromCompletionStage(redis.hsetnx(SaleKeyspace.meta(id), what + "Announced", "1"));
    }

    public Future<List<String>> ofRoom(String room) {
        return Future.fromCompletionStage(redis.smembers(SaleKeyspace.roomSales(room))).map(ids -> new ArrayList<>(ids));
    }

    public Future<List<String>> live() {
        return Future.fromCompletionStage(redis.smembers(SaleKeyspace.LIVE_SALES)).map(ids -> new ArrayList<>(ids));
    }

    /** Drops a closed sale with no unpaid orders from the schedulers' watch list. */
    public Future<Void> retireIfDone(String id) {
        return Future.fromCompletionStage(redis.zcard(SaleKeyspace.deadlines(id))).compose(unpaid -> unpaid == 0
                ? Future.fromCompletionStage(redis.srem(SaleKeyspace.LIVE_SALES, id)).mapEmpty()
                : Future.succeededFuture());
    }

    public Future<Map<String, String>> meta(String id) {
        return Future.fromCompletionStage(redis.hgetall(SaleKeyspace.meta(id)));
    }

    private static String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}

package live.blossom.sale.order;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import live.blossom.platform.http.ApiException;
import live.blossom.sale.SaleKeyspace;
import live.blossom.sale.SaleScripts;

/** Orders in Redis: every change goes through one of the transition scripts. */
public final class OrderStore {

    private final RedisAsyncCommands<String, String> redis;
    private final BuyerConnections buyers;
    private final SaleScripts scripts;

    public OrderStore(RedisAsyncCommands<String, String> redis, BuyerConnections buyers, SaleScripts scripts) {
        this.redis = redis;
        this.buyers = buyers;
        this.scripts = scripts;
    }

    /** Runs reserve.lua; the future completes on {@code context} (the caller's event loop). */
    public Future<Reservation> reserve(Context context, String sale, String user, String name, long units, String idemKey,
                                       long now) {
        String orderId = OrderIds.next(sale);
        String[] keys = {SaleKeyspace.meta(sale), SaleKeyspace.stock(sale), SaleKeyspace.buyers(sale),
                SaleKeyspace.idem(sale), SaleKeyspace.log(sale), SaleKeyspace.deadlines(sale), SaleKeyspace.order(sale, orderId)};
        return Future.fromCompletionStage(scripts.reserve().run(buyers.next(), keys, user, Long.toString(units), idemKey, orderId,
                Long.toString(now), name), context).map(Reservation::of);
    }

    /** The order, or 404. */
    public Future<Order> get(String orderId) {
        String sale = OrderIds.saleOf(orderId);
        if (sale == null) {
            return Future.failedFuture(noSuchOrder());
        }
        return Future.fromCompletionStage(redis.hgetall(SaleKeyspace.order(sale, orderId))).map(hash -> {
            if (hash == null || hash.isEmpty()) {
                throw noSuchOrder();
            }
            return Order.fromHash(sale, hash);
        });
    }

    public Future<Release> cancel(String orderId, String user) {
        return release(scripts.cancel(), orderId, user);
    }

    public Future<Release> expire(String orderId) {
        return release(scripts.expire(), orderId);
    }

    public Future<Release> pay(String orderId, String paymentRef, long amountFen) {
        return release(scripts.pay(), orderId, paymentRef, Long.toString(amountFen));
    }

    private Future<Release> release(live.blossom.platform.redis.LuaScript script, String orderId, String... extra) {
        String sale = OrderIds.saleOf(orderId);
        if (sale == null) {
            return Future.failedFuture(noSuchOrder());
        }
        String[] args = new String[2 + extra.length];
        args[0] = orderId;
        args[1] = Long.toString(System.currentTimeMillis());
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Future.fromCompletionStage(script.run(redis, SaleKeyspace.releaseKeys(sale, orderId), args)).map(Release::of);
    }

    static ApiException noSuchOrder() {
        return ApiException.notFound("no_such_order", "There is no such order.");
    }
}

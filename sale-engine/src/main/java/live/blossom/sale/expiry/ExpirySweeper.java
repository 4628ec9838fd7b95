package live.blossom.sale.expiry;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import live.blossom.sale.SaleKeyspace;
import live.blossom.sale.order.OrderStore;
import live.blossom.sale.order.StockReturns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires unpaid orders at their deadline, on every node. Safe to run many times over: expire.lua
 * changes only a reserved order whose deadline has passed, so two nodes picking the same order
 * return its units once.
 */
public final class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);
    private static final int BATCH = 200;

    private final Vertx vertx;
    private final RedisAsyncCommands<String, String> redis;
    private final OrderStore orders;
    private final StockReturns returns;
    private long timer = -1;
    private volatile boolean running; // cleared from a Redis reply thread

    public ExpirySweeper(Vertx vertx, RedisAsyncCommands<String, String> redis, OrderStore orders, StockReturns returns) {
        this.vertx = vertx;
        this.redis = redis;
        this.orders = orders;
        this.returns = returns;
    }

    public void start(long intervalMs) {
        timer = vertx.setPeriodic(intervalMs, id -> {
            if (running) {
                return; // the previous sweep is still at work
            }
            running = true;
            sweep().onComplete(done -> {
                running = false;
                if (done.failed()) {
                    log.debug("expiry sweep failed: {}", done.cause().toString());
                }
            });
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One pass over every live sale's due deadlines; completes with the number of orders expired. */
    public Future<Integer> sweep() {
        long now = System.currentTimeMillis();
        return Future.fromCompletionStage(redis.smembers(SaleKeyspace.LIVE_SALES)).compose(sales -> {
            List<Future<Integer>> passes = new ArrayList<>();
            for (String sale : sales) {
                passes.add(sweepSale(sale, now));
            }
            return Future.all(passes).map(all -> {
                int expired = 0;
                for (int i = 0; i < passes.size(); i++) {
                    expired += all.<Integer>resultAt(i);
                }
                return expired;
            });
        });
    }

    private Future<Integer> sweepSale(String sale, long now) {
        return Future.fromCompletionStage(redis.zrangebyscore(SaleKeyspace.deadlines(sale),
                Range.create(Double.NEGATIVE_INFINITY, (double) now), Limit.create(0, BATCH))).compose(due -> {
            List<Future<Boolean>> expiries = new ArrayList<>();
            for (String orderId : due) {
                expiries.add(orders.expire(orderId).map(release -> {
                    if ("ok".equals(release.status())) {
                        returns.after(sale, release);
                        return true;
                    }
                    return false;
                }));
            }
            return Future.all(expiries).map(all -> {
                int n = 0;
                for (int i = 0; i < expiries.size(); i++) {
                    if (all.<Boolean>resultAt(i)) {
                        n++;
                    }
                }
                return n;
            });
        });
    }
}

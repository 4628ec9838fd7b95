package live.blossom.sale;

import live.blossom.platform.redis.LuaScript;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Gauge;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.bootstrap.PlatformContext;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.sale.catalog.CatalogRoutes;
import live.blossom.sale.catalog.ProductStore;
import live.blossom.sale.events.CommerceEvents;
import live.blossom.sale.events.PinRoutes;
import live.blossom.sale.expiry.ExpirySweeper;
import live.blossom.sale.flash.SaleDirectory;
import live.blossom.sale.flash.SaleRoutes;
import live.blossom.sale.flash.SaleSchedule;
import live.blossom.sale.flash.SaleStore;
import live.blossom.sale.http.RateLimiter;
import live.blossom.sale.http.TokenCache;
import live.blossom.sale.order.BuyHandler;
import live.blossom.sale.order.BuyerConnections;
import live.blossom.sale.order.InFlight;
import live.blossom.sale.order.OrderRoutes;
import live.blossom.sale.order.OrderStore;
import live.blossom.sale.order.SoldOutFlags;
import live.blossom.sale.order.StockReturns;
import live.blossom.sale.payment.PaymentRoutes;
import live.blossom.sale.payment.PaymentSignature;
import live.blossom.sale.report.OrderLog;
import live.blossom.sale.report.ReportRoutes;
import live.blossom.sale.report.SaleScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sale plane: catalog, flash sales, buying through Lua scripts on Redis, payment callbacks,
 * expiry, commerce events and the merchant's reports. Routes are listed in {@link #start}.
 */
public final class SaleModule implements BlossomModule {

    private static final Logger log = LoggerFactory.getLogger(SaleModule.class);

    private StatefulRedisConnection<String, String> connection;
    private BuyerConnections buyerConnections;
    private CommerceEvents events;
    private SoldOutFlags soldOut;
    private ExpirySweeper sweeper;
    private SaleSchedule schedule;

    public SaleModule() {
    }

    @Override
    public String name() {
        return "sale";
    }

    @Override
    public void start(PlatformContext ctx) {
        BlossomConfig config = ctx.config();
        connection = ctx.redisClient().connect();
        RedisAsyncCommands<String, String> redis = connection.async();
        SaleScripts scripts = SaleScripts.load();
        for (LuaScript script : new LuaScript[] {scripts.reserve(), scripts.pay(), scripts.cancel(), scripts.expire(),
                scripts.create(), scripts.allocate()}) {
            connection.sync().scriptLoad(script.source()); // warm: the first buyers need no NOSCRIPT round
        }

        events = new CommerceEvents(ctx.vertx());
        soldOut = new SoldOutFlags(ctx.vertx(), config.duration(SaleKeys.SOLD_OUT_RECHECK).toMillis());
        SaleDirectory directory = new SaleDirectory(redis);
        ProductStore products = new ProductStore(redis, scripts.allocate());
        SaleStore saleStore = new SaleStore(redis, scripts.create(), products, directory);
        buyerConnections = new BuyerConnections(ctx.redisClient(), config.integer(SaleKeys.BUY_CONNECTIONS));
        OrderStore orders = new OrderStore(redis, buyerConnections, scripts);
        StockReturns returns = new StockReturns(soldOut, directory, events);
        schedule = new SaleSchedule(ctx.vertx(), saleStore, directory, events);
        sweeper = new ExpirySweeper(ctx.vertx(), redis, orders, returns);
        InFlight inFlight = new InFlight(config.integer(SaleKeys.MAX_IN_FLIGHT));
        long rateEntries = config.longValue(SaleKeys.RATE_ENTRIES);
        int userRate = config.integer(SaleKeys.USER_RATE);
        int ipRate = config.integer(SaleKeys.IP_RATE);
        BuyHandler buy = new BuyHandler(orders, soldOut, directory, events,
                new TokenCache(ctx.auth().tokens(), config.longValue(SaleKeys.TOKEN_CACHE)),
                new RateLimiter(userRate, userRate, rateEntries), new RateLimiter(ipRate, ipRate, rateEntries),
                inFlight, ctx.metrics().registry());
        Gauge.builder("blossom.sale.buy.in_flight", inFlight, InFlight::current)
                .description("Buy requests waiting for Redis on this node").register(ctx.metrics().registry());
        OrderLog orderLog = new OrderLog(redis);

        Router router = ctx.router();
        Authentication auth = ctx.auth();
        // The sold-out gate runs before the platform's body handler (order -1): see BuyHandler.
        router.post("/api/sales/:id/orders").order(-1).handler(buy::soldOutGate);
        router.post("/api/sales/:id/orders").handler(buy::handle);
        new CatalogRoutes(products).mount(router, auth);
        new SaleRoutes(saleStore, schedule, config.duration(SaleKeys.PAYMENT_WINDOW)).mount(router, auth);
        new OrderRoutes(orders, directory, returns).mount(router, auth);
        new PaymentRoutes(orders, new PaymentSignature(paymentSecret(ctx)), returns, ctx.metrics().registry()).mount(router);
        new ReportRoutes(directory, orderLog, new SaleScan(redis, orderLog)).mount(router, auth);
        new PinRoutes(redis, products, directory, events).mount(router, auth);

        Platform.await(soldOut.start(), "sold-out broadcasts");
        events.start(config.duration(SaleKeys.EVENT_INTERVAL).toMillis());
        schedule.start(250);
        sweeper.start(config.duration(SaleKeys.SWEEP_INTERVAL).toMillis());
        log.info("sale engine started scripts={} userRate={} ipRate={} maxInFlight={}", scripts.reserve().sha(),
                userRate, ipRate, config.integer(SaleKeys.MAX_IN_FLIGHT));
    }

    private static String paymentSecret(PlatformContext ctx) {
        String secret = ctx.config().string(SaleKeys.PAYMENT_SECRET);
        if (!secret.isBlank()) {
            return secret;
        }
        Path file = ctx.dataDir().resolve("payment.secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = HexFormat.of().formatHex(bytes);
            Files.writeString(file, generated);
            log.warn("sale.payment-secret is not set; generated one in {} (share it with the payment provider)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated payment secret in " + file, e);
        }
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.stop();
        }
        if (schedule != null) {
            schedule.stop();
        }
        if (events != null) {
            events.stop();
        }
        if (soldOut != null) {
            soldOut.stop();
        }
        if (buyerConnections != null) {
            buyerConnections.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}

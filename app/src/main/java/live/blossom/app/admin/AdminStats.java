package live.blossom.app.admin;

import com.hazelcast.cluster.Member;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.TimeUnit;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;

/**
 * {@code GET /api/admin/stats}: one snapshot of the node's figures for the operators' page.
 * Counters are cumulative (the page turns them into rates); gauges are current values.
 */
public final class AdminStats implements BlossomModule {

    private PlatformContext ctx;

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void start(PlatformContext ctx) {
        this.ctx = ctx;
        ctx.router().get("/api/admin/stats").handler(ctx.auth().roles(Role.ADMIN)).handler(this::stats);
    }

    private void stats(RoutingContext rc) {
        MeterRegistry registry = ctx.metrics().registry();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Timer ping = registry.find("blossom.redis.ping").timer();
        JsonArray members = new JsonArray();
        for (Member member : ctx.hazelcast().getCluster().getMembers()) {
            members.add(new JsonObject().put("address", member.getAddress().toString()).put("local", member.localMember()));
        }
        rc.json(new JsonObject()
                .put("at", System.currentTimeMillis())
                .put("heapUsedBytes", heap.getUsed())
                .put("heapMaxBytes", heap.getMax())
                .put("redisPingMs", ping == null ? null : ping.max(TimeUnit.MILLISECONDS))
                .put("viewers", gauges(registry, "blossom.edge.viewers"))
                .put("chatViewers", gauges(registry, "chat.viewers"))
                .put("chatMessagesTotal", counters(registry, "chat.messages.in"))
                .put("chatDeliveriesTotal", counters(registry, "chat.deliveries"))
                .put("ordersTotal", orders(registry))
                .put("ordersPaidTotal", counters(registry, "blossom.sale.orders.paid"))
                .put("gmvPaidFenTotal", counters(registry, "blossom.sale.gmv.paid"))
                .put("members", members));
    }

    private static double counters(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double gauges(MeterRegistry registry, String name) {
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
    }

    /** Orders placed: buy attempts whose outcome was a new reservation. */
    private static double orders(MeterRegistry registry) {
        return registry.find("blossom.sale.buy.attempts").tag("outcome", "ok").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}

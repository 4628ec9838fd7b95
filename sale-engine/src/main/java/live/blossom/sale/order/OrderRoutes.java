package live.blossom.sale.order;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.sale.flash.SaleDirectory;
import live.blossom.sale.http.Replies;

/** A buyer reads and cancels an order; the merchant of its sale may read it too. */
public final class OrderRoutes {

    private final OrderStore orders;
    private final SaleDirectory sales;
    private final StockReturns returns;

    public OrderRoutes(OrderStore orders, SaleDirectory sales, StockReturns returns) {
        this.orders = orders;
        this.sales = sales;
        this.returns = returns;
    }

    public void mount(Router router, Authentication auth) {
        router.get("/api/orders/:id").handler(auth.required()).handler(this::get);
        router.post("/api/orders/:id/cancel").handler(auth.roles(Role.VIEWER)).handler(this::cancel);
    }

    private void get(RoutingContext ctx) {
        Principal caller = Principal.of(ctx);
        Replies.json(ctx, 200, orders.get(ctx.pathParam("id")).compose(order -> {
            if (order.user().equals(caller.userId()) || caller.has(Role.ADMIN)) {
                return Future.succeededFuture(order.toJson());
            }
            return sales.get(order.sale()).map(sale -> {
                if (!caller.has(Role.MERCHANT) || !sale.merchant().equals(caller.userId())) {
                    throw OrderStore.noSuchOrder(); // others' orders do not exist for this caller
                }
                return order.toJson();
            });
        }));
    }

    private void cancel(RoutingContext ctx) {
        String orderId = ctx.pathParam("id");
        Principal caller = Principal.of(ctx);
        Replies.json(ctx, 200, orders.cancel(orderId, caller.userId()).compose(release -> {
            switch (release.status()) {
                case "ok" -> returns.after(OrderIds.saleOf(orderId), release);
                case "cancelled" -> {
                    // cancelling twice is the same as once
                }
                case "paid" -> throw ApiException.conflict("already_paid", "This order is paid; ask the merchant for a refund.");
                case "expired" -> throw ApiException.conflict("expired", "This order expired; its units went back on sale.");
                case "missing", "not_yours" -> throw OrderStore.noSuchOrder();
                default -> throw new IllegalStateException("cancel answered " + release.status());
            }
            return orders.get(orderId).map(Order::toJson);
        }));
    }
}

package live.blossom.sale.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;
import live.blossom.sale.order.Order;
import live.blossom.sale.order.OrderIds;
import live.blossom.sale.order.OrderStore;
import live.blossom.sale.order.StockReturns;
import live.blossom.sale.http.Replies;

/**
 * {@code POST /api/orders/{id}/payment}: the payment provider's callback, {@code {"amountFen", "paymentRef"}}
 * signed with the shared secret. Reserved becomes paid; a payment after the deadline is refused with
 * 409 {@code expired} (the provider refunds it) and the order's units go back on sale.
 */
public final class PaymentRoutes {

    private final OrderStore orders;
    private final PaymentSignature signature;
    private final StockReturns returns;
    private final Counter paidOrders;
    private final Counter paidFen;

    public PaymentRoutes(OrderStore orders, PaymentSignature signature, StockReturns returns, MeterRegistry registry) {
        this.orders = orders;
        this.signature = signature;
        this.returns = returns;
        this.paidOrders = Counter.builder("blossom.sale.orders.paid").description("Orders paid").register(registry);
        this.paidFen = Counter.builder("blossom.sale.gmv.paid").baseUnit("fen")
                .description("Gross merchandise value of paid orders, in fen").register(registry);
    }

    public void mount(Router router) {
        router.post("/api/orders/:id/payment").handler(this::pay);
    }

    private void pay(RoutingContext ctx) {
        // The signature comes first: nothing of an unsigned body is read or believed.
        if (!signature.verify(ctx.body().buffer(), ctx.request().getHeader(PaymentSignature.HEADER))) {
            throw new ApiException(401, "bad_signature", "The " + PaymentSignature.HEADER
                    + " header is missing or does not match the body.");
        }
        JsonRequest body = JsonRequest.of(ctx);
        long amount = body.number("amountFen", 0, Long.MAX_VALUE / 2);
        String reference = body.text("paymentRef", 128);
        String orderId = ctx.pathParam("id");
        if (OrderIds.saleOf(orderId) == null) {
            throw ApiException.notFound("no_such_order", "There is no such order.");
        }
        Replies.json(ctx, 200, orders.pay(orderId, reference, amount).compose(release -> {
            switch (release.status()) {
                case "ok" -> {
                    paidOrders.increment();
                    paidFen.increment(amount);
                }
                case "repeat" -> {
                    // a repeated callback for an order already paid: counted the first time
                }
                case "late" -> {
                    returns.after(OrderIds.saleOf(orderId), release);
                    throw ApiException.conflict("expired", "The payment deadline has passed; the order expired. Refund the payment.");
                }
                case "expired" -> throw ApiException.conflict("expired", "The order expired before payment. Refund the payment.");
                case "cancelled" -> throw ApiException.conflict("cancelled", "The buyer cancelled this order. Refund the payment.");
                case "amount_mismatch" -> throw ApiException.unprocessable("amount_mismatch", "The order costs "
                        + release.detail() + " fen.");
                case "missing" -> throw ApiException.notFound("no_such_order", "There is no such order.");
                default -> throw new IllegalStateException("pay answered " + release.status());
            }
            return orders.get(orderId).map(Order::toJson);
        }));
    }
}

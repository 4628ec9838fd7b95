package live.blossom.app.demo;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.IntSupplier;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;
import live.blossom.platform.http.ErrorResponses;
import live.blossom.sale.payment.PaymentSignature;

/**
 * The demo's stand-in for a payment provider: {@code POST /api/dev/pay/{orderId}} looks the
 * order up as the buyer, then calls the sale engine's signed payment callback exactly as a
 * provider would (HMAC-SHA256 over the body), and answers with the callback's answer.
 */
public final class DevPayment implements BlossomModule {

    private final PaymentSignature signature;
    private final IntSupplier httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param paymentSecret the same secret the sale engine verifies callbacks with
     * @param httpPort      this node's HTTP port, known once the front listens
     */
    public DevPayment(String paymentSecret, IntSupplier httpPort) {
        this.signature = new PaymentSignature(paymentSecret);
        this.httpPort = httpPort;
    }

    @Override
    public String name() {
        return "dev-payment";
    }

    @Override
    public void start(PlatformContext ctx) {
        ctx.router().post("/api/dev/pay/:orderId").handler(ctx.auth().roles(Role.VIEWER)).handler(this::pay);
    }

    private void pay(RoutingContext ctx) {
        String orderId = ctx.pathParam("orderId");
        String base = "http://127.0.0.1:" + httpPort.getAsInt();
        HttpRequest lookup = HttpRequest.newBuilder(URI.create(base + "/api/orders/" + orderId))
                .header("Authorization", ctx.request().getHeader("Authorization"))
                .timeout(Duration.ofSeconds(3)).build();
        http.sendAsync(lookup, HttpResponse.BodyHandlers.ofString()).thenCompose(found -> {
            if (found.statusCode() != 200) {
                return java.util.concurrent.CompletableFuture.completedFuture(found);
            }
            JsonObject order = new JsonObject(found.body());
            byte[] body = new JsonObject()
                    .put("amountFen", order.getLong("amountFen", 0L))
                    .put("paymentRef", "demo-" + UUID.randomUUID())
                    .encode().getBytes(StandardCharsets.UTF_8);
            HttpRequest callback = HttpRequest.newBuilder(URI.create(base + "/api/orders/" + orderId + "/payment"))
                    .header("Content-Type", "application/json")
                    .header(PaymentSignature.HEADER, signature.sign(body))
                    .timeout(Duration.ofSeconds(3))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return http.sendAsync(callback, HttpResponse.BodyHandlers.ofString());
        }).whenComplete((answer, failure) -> ctx.vertx().runOnContext(v -> {
            if (failure != null) {
                ErrorResponses.send(ctx.response(), 503, "payment_unavailable",
                        "The demo payment step could not reach the sale engine; try again.", 1);
                return;
            }
            ctx.response().setStatusCode(answer.statusCode())
                    .putHeader("Content-Type", "application/json; charset=utf-8").end(answer.body());
        }));
    }
}

package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentAndExpiryTest {

    @TempDir
    static Path dir;
    static SaleNode node;
    static String merchant;

    @BeforeAll
    static void start() {
        node = SaleNode.start(dir, SaleKeys.SWEEP_INTERVAL, "200ms");
        merchant = node.token("m-2", "Dolkar Honey", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("a signed payment before the deadline turns the order paid; the figures count it as paid GMV")
    void paymentMarksPaid() {
        String sale = node.openSale(merchant, 5, 1, 600);
        HttpResponse<String> order = node.buy(sale, node.token("payer", "Pema", Role.VIEWER));
        JsonObject placed = SaleNode.json(order);
        HttpResponse<String> paid = node.paySigned(placed.getString("id"), placed.getLong("amountFen"));
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(SaleNode.json(paid).getString("state")).isEqualTo("paid");
        HttpResponse<String> again = node.paySigned(placed.getString("id"), placed.getLong("amountFen"));
        assertThat(again.statusCode()).isEqualTo(200);
        JsonObject figures = SaleNode.json(node.get("/api/sales/" + sale + "/figures", merchant));
        assertThat(figures.getLong("unitsPaid")).isEqualTo(1);
        assertThat(figures.getLong("gmvPaidFen")).isEqualTo(1990);
        assertThat(figures.getLong("gmvUnpaidFen")).isZero();
        assertThat(node.audit(sale, merchant).getBoolean("holds")).isTrue();
    }

    @Test
    @DisplayName("a bad or missing signature gets 401 and changes nothing")
    void badSignatureChangesNothing() {
        String sale = node.openSale(merchant, 5, 1, 600);
        JsonObject placed = SaleNode.json(node.buy(sale, node.token("forger", "Forger", Role.VIEWER)));
        String id = placed.getString("id");
        Map<String, Object> before = node.snapshot(sale);
        String body = new JsonObject().put("amountFen", 1990).put("paymentRef", "x").encode();
        String other = node.signature.sign("{\"amountFen\":1990,\"paymentRef\":\"y\"}".getBytes(StandardCharsets.UTF_8));
        for (String header : new String[] {null, "sha256=00", other, "garbage"}) {
            HttpResponse<String> refused = node.pay(id, body, header);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(SaleNode.json(refused).getString("error")).isEqualTo("bad_signature");
        }
        assertThat(node.snapshot(sale)).isEqualTo(before);
    }

    @Test
    @DisplayName("an unpaid order expires at its deadline, its unit goes back, sold out clears and buying works again; the late payment is refused")
    void expiryReturnsStock() {
        String sale = node.openSale(merchant, 1, 1, 1);
        JsonObject placed = SaleNode.json(node.buy(sale, node.token("slow", "Slow Sonam", Role.VIEWER)));
        HttpResponse<String> soldOut = node.buy(sale, node.token("waiting", "Waiting Wangmo", Role.VIEWER));
        assertThat(soldOut.statusCode()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                SaleNode.json(node.get("/api/sales/" + sale, null)).getLong("left") == 1);
        String slow = node.token("slow", "Slow Sonam", Role.VIEWER);
        assertThat(SaleNode.json(node.get("/api/orders/" + placed.getString("id"), slow)).getString("state")).isEqualTo("expired");

        HttpResponse<String> late = node.paySigned(placed.getString("id"), placed.getLong("amountFen"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(SaleNode.json(late).getString("error")).isEqualTo("expired");

        HttpResponse<String> second = node.buy(sale, node.token("waiting", "Waiting Wangmo", Role.VIEWER));
        assertThat(second.statusCode()).isEqualTo(201);
        JsonObject audit = node.audit(sale, merchant);
        assertThat(audit.getBoolean("holds")).isTrue();
        assertThat(audit.getLong("unitsReserved")).isEqualTo(1);
        JsonObject figures = SaleNode.json(node.get("/api/sales/" + sale + "/figures", merchant));
        assertThat(figures.getLong("unitsExpired")).isEqualTo(1);
    }

    @Test
    @DisplayName("a payment arriving after the deadline, before the sweeper, is refused and the unit goes back at once")
    void latePaymentBeforeSweep() {
        String sale = node.openSale(merchant, 3, 1, 1);
        node.platform.vertx(); // the sweeper runs every 200 ms; the payment may race it, both paths must refuse
        JsonObject placed = SaleNode.json(node.buy(sale, node.token("racer", "Racer", Role.VIEWER)));
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > placed.getLong("payBy"));
        HttpResponse<String> late = node.paySigned(placed.getString("id"), placed.getLong("amountFen"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(SaleNode.json(late).getString("error")).isEqualTo("expired");
        assertThat(SaleNode.json(node.get("/api/sales/" + sale, null)).getLong("left")).isEqualTo(3);
        assertThat(node.audit(sale, merchant).getBoolean("holds")).isTrue();
    }

    @Test
    @DisplayName("a viewer cancels a reserved order: the unit goes back and they may buy again; a paid order cannot be cancelled")
    void cancelReturnsStock() {
        String sale = node.openSale(merchant, 2, 1, 600);
        String buyer = node.token("fickle", "Fickle", Role.VIEWER);
        JsonObject placed = SaleNode.json(node.buy(sale, buyer));
        String stranger = node.token("stranger", "Stranger", Role.VIEWER);
        assertThat(node.post("/api/orders/" + placed.getString("id") + "/cancel", stranger, "").statusCode()).isEqualTo(404);
        HttpResponse<String> cancelled = node.post("/api/orders/" + placed.getString("id") + "/cancel", buyer, "");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(SaleNode.json(cancelled).getString("state")).isEqualTo("cancelled");
        assertThat(SaleNode.json(node.get("/api/sales/" + sale, null)).getLong("left")).isEqualTo(2);

        JsonObject again = SaleNode.json(node.buy(sale, buyer));
        node.paySigned(again.getString("id"), again.getLong("amountFen"));
        HttpResponse<String> refused = node.post("/api/orders/" + again.getString("id") + "/cancel", buyer, "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(SaleNode.json(refused).getString("error")).isEqualTo("already_paid");
        assertThat(node.audit(sale, merchant).getBoolean("holds")).isTrue();
    }

    @Test
    @DisplayName("the merchant pages through orders and exports them as CSV")
    void ordersPagesAndCsv() {
        String sale = node.openSale(merchant, 30, 1, 600);
        for (int i = 0; i < 7; i++) {
            assertThat(node.buy(sale, node.token("pager-" + i, "Pager " + i, Role.VIEWER)).statusCode()).isEqualTo(201);
        }
        JsonObject first = SaleNode.json(node.get("/api/sales/" + sale + "/orders?limit=5", merchant));
        assertThat(first.getJsonArray("orders")).hasSize(5);
        JsonObject second = SaleNode.json(node.get("/api/sales/" + sale + "/orders?limit=5&after=" + first.getString("next"), merchant));
        assertThat(second.getJsonArray("orders")).hasSize(2);
        assertThat(second.getString("next")).isNull();
        HttpResponse<String> csv = node.get("/api/sales/" + sale + "/orders.csv", merchant);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body().lines()).hasSize(8).first().asString().startsWith("order_id,buyer,units");
        String otherMerchant = node.token("m-other", "Other", Role.MERCHANT);
        assertThat(node.get("/api/sales/" + sale + "/orders", otherMerchant).statusCode()).isEqualTo(403);
    }
}

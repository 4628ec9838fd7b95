package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.sale.events.BuyerNames;
import live.blossom.sale.events.CommerceEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommerceEventsTest {

    @TempDir
    static Path dir;
    static SaleNode node;
    static final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        node = SaleNode.start(dir);
        // a clustered registration completes asynchronously: wait, or the first events pass it by
        Platform.await(node.platform.vertx().eventBus().<JsonObject>consumer(CommerceEvents.ADDRESS, m -> events.add(m.body()))
                .completion(), "commerce consumer");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static List<JsonObject> of(String sale, String type) {
        return events.stream().filter(e -> sale.equals(e.getString("sale")) && type.equals(e.getString("type"))).toList();
    }

    @Test
    @DisplayName("a rush produces sale_opened, coalesced order_placed and units_left events, then one sold_out, then sale_closed")
    void rushEvents() {
        String merchant = node.token("m-6", "Event Farm", Role.MERCHANT);
        String sale = node.openSale(merchant, 60, 1, 600);
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(sale, "sale_opened").isEmpty());
        JsonObject opened = of(sale, "sale_opened").get(0);
        assertThat(opened.getString("room")).isEqualTo("booth-1");
        assertThat(opened.getLong("offered")).isEqualTo(60);
        assertThat(opened.getLong("price")).isEqualTo(1990);

        List<CompletableFuture<?>> buys = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            buys.add(node.buyAsync(sale, node.token("ev-" + i, "Dawa" + i, Role.VIEWER), "e-" + i));
        }
        buys.forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(5)).until(() -> of(sale, "units_left").stream().anyMatch(e -> e.getLong("left") == 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> of(sale, "order_placed").stream()
                .mapToLong(e -> e.getLong("count")).sum() == 60);
        List<JsonObject> placed = of(sale, "order_placed");
        assertThat(placed.size()).isLessThan(60); // coalesced
        assertThat(placed.get(0).getString("buyer")).matches("D\\*\\*\\*\\d");
        assertThat(of(sale, "sold_out")).hasSize(1);
        assertThat(of(sale, "units_left").get(0).getLong("offered")).isEqualTo(60);

        String host = node.token("h-2", "Host", Role.HOST);
        node.post("/api/sales/" + sale + "/close", host, "");
        await().atMost(Duration.ofSeconds(5)).until(() -> of(sale, "sale_closed").size() == 1);
        assertThat(of(sale, "sale_closed").get(0).getLong("left")).isZero();
        assertThat(events).allSatisfy(e -> assertThat(e.getLong("at")).isPositive());
    }

    @Test
    @DisplayName("a host pins a product: product_pinned goes to the room and late joiners can read the pin")
    void pinnedProduct() {
        String merchant = node.token("m-7", "Pin Farm", Role.MERCHANT);
        node.post("/api/products", merchant, new JsonObject().put("sku", "incense-9").put("name", "Tibetan incense")
                .put("priceFen", 2500).put("stock", 10).put("imageUrl", "https://img.example/incense.jpg").encode());
        String host = node.token("h-3", "Host", Role.HOST);
        assertThat(node.post("/api/rooms/booth-7/pin", host, "{\"sku\":\"incense-9\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> "product_pinned".equals(e.getString("type"))
                && "booth-7".equals(e.getString("room"))));
        JsonObject pinned = events.stream().filter(e -> "product_pinned".equals(e.getString("type"))).findFirst().orElseThrow();
        assertThat(pinned.containsKey("sale")).isFalse();
        assertThat(pinned.getJsonObject("product")).isEqualTo(new JsonObject().put("sku", "incense-9")
                .put("name", "Tibetan incense").put("priceFen", 2500).put("imageUrl", "https://img.example/incense.jpg"));
        assertThat(SaleNode.json(node.get("/api/rooms/booth-7/pin", null)).getJsonObject("product").getString("sku"))
                .isEqualTo("incense-9");
        String viewer = node.token("v-9", "Viewer", Role.VIEWER);
        assertThat(node.post("/api/rooms/booth-7/pin", viewer, "{\"sku\":\"incense-9\"}").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("buyer names are masked to first and last letter")
    void masking() {
        assertThat(BuyerNames.mask("Dawa")).isEqualTo("D***a");
        assertThat(BuyerNames.mask("D")).isEqualTo("D***");
        assertThat(BuyerNames.mask("卓玛")).isEqualTo("卓***玛");
        assertThat(BuyerNames.mask(null)).isEqualTo("***");
    }
}

package live.blossom.app.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import live.blossom.platform.auth.TokenAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo: the livestream base with two studios, Pema's farm with its products, a
 * booking that starts now (its key is what the synthetic host publishes with), and a flash sale
 * in that room that opens shortly after start. Runs again on an existing data directory without
 * duplicating anything: products are kept, older demo bookings give way to the new one.
 */
final class DemoWorld {

    private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A product of the seed: prices in fen (1 yuan = 100 fen). */
    record SeedProduct(String sku, String name, String description, long priceFen, long stock) {
    }

    static final List<SeedProduct> PRODUCTS = List.of(
            new SeedProduct("yak-milk-1l", "Fresh yak milk, 1 L", "From the herd at 4,200 m, chilled the morning it is milked.", 3800, 5000),
            new SeedProduct("barley-cookies", "Highland-barley cookies, 400 g", "Roasted tsampa flour, butter and a little honey.", 2990, 5000),
            new SeedProduct("tibetan-incense", "Tibetan incense, 60 sticks", "Juniper, saffron and 25 herbs, hand-rolled in the valley.", 4500, 2000),
            new SeedProduct("highland-honey", "Wild highland honey, 500 g", "Summer flowers of the high pastures.", 6800, 1500),
            new SeedProduct("valley-plums", "Valley plums, 2 kg", "Sun-ripened, picked the day they ship.", 2500, 3000),
            new SeedProduct("glacier-water", "Glacier mineral water, 12 × 550 ml", "Bottled at the spring under the glacier.", 4500, 8000));

    /** What the demo needs to go on after seeding. */
    record Seeded(String room, String streamKey, String saleId, String title) {
    }

    private final SeedClient api;
    private final String admin;
    private final String merchant;
    private final String merchantId;

    DemoWorld(SeedClient api, TokenAuthority tokens) {
        this.api = api;
        DevLogin.DemoAccount adminAccount = DevLogin.ACCOUNTS.get("admin");
        DevLogin.DemoAccount merchantAccount = DevLogin.ACCOUNTS.get("merchant");
        this.admin = tokens.issue(adminAccount.userId(), adminAccount.name(), adminAccount.roles());
        this.merchant = tokens.issue(merchantAccount.userId(), merchantAccount.name(), merchantAccount.roles());
        this.merchantId = merchantAccount.userId();
    }

    Seeded seed(Duration saleOpensIn) {
        String studio = studios();
        products();
        JsonObject booked = bookNow(studio);
        String room = booked.getJsonObject("session").getString("room");
        String title = booked.getJsonObject("session").getString("title");
        String key = booked.getString("streamKey");
        String saleId = flashSale(room, saleOpensIn);
        api.post("/api/rooms/" + room + "/pin", merchant, new JsonObject().put("sku", "yak-milk-1l").put("sale", saleId));
        log.info("demo world seeded room={} sale={} opensIn={}s", room, saleId, saleOpensIn.toSeconds());
        return new Seeded(room, key, saleId, title);
    }

    /** The livestream base: two studios, open all day during the festival; returns studio A's id. */
    private String studios() {
        JsonArray existing = api.get("/api/studios", admin).getJsonArray("studios", new JsonArray());
        String first = null;
        for (String name : List.of("Studio A · Sunrise", "Studio B · Market Street")) {
            String id = null;
            for (Object o : existing) {
                JsonObject s = (JsonObject) o;
                if (name.equals(s.getString("name"))) {
                    id = s.getString("id");
                }
            }
            if (id == null) {
                JsonObject allDay = new JsonObject().put("open", "00:00").put("close", "24:00");
                JsonObject hours = new JsonObject();
                for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
                    hours.put(day, allDay);
                }
                id = api.post("/api/studios", admin, new JsonObject()
                        .put("name", name)
                        .put("description", name.startsWith("Studio A")
                                ? "East-facing studio with a product table for fresh food."
                                : "Street-side booth for festival crowds.")
                        .put("equipment", new JsonArray().add("2 cameras").add("ring lights").add("product table"))
                        .put("timeZone", ZONE.getId())
                        .put("hours", hours)
                        .put("slotMinutes", 15)
                        .put("bufferMinutes", 15)).getString("id");
            }
            if (first == null) {
                first = id;
            }
        }
        return first;
    }

    private void products() {
        for (SeedProduct p : PRODUCTS) {
            try {
                api.post("/api/products", merchant, new JsonObject().put("sku", p.sku()).put("name", p.name())
                        .put("description", p.description()).put("priceFen", p.priceFen()).put("stock", p.stock())
                        .put("imageUrl", "/static/img/" + p.sku() + ".svg"));
            } catch (SeedClient.Refused e) {
                if (e.status != 409) {
                    throw e;
                }
                // Kept from an earlier run: top the stock up so the new sale can take its units.
                api.post("/api/products/" + p.sku() + "/stock", merchant, new JsonObject().put("units", 500));
            }
        }
    }

    /**
     * Books studio A from the next quarter hour for four hours; the key is valid from 15 minutes
     * before the start, so the synthetic host can go live at once. The admin books with override
     * on the merchant's behalf, which moves earlier demo bookings out of the way.
     */
    private JsonObject bookNow(String studio) {
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        ZonedDateTime start = now.truncatedTo(ChronoUnit.HOURS)
                .plusMinutes((now.getMinute() / 15 + 1) * 15L);
        ZonedDateTime end = start.plusHours(4);
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        return api.post("/api/studios/" + studio + "/bookings", admin, new JsonObject()
                .put("start", iso.format(start)).put("end", iso.format(end))
                .put("title", "Highland harvest live from Pema's farm")
                .put("merchant", merchantId).put("merchantName", DevLogin.ACCOUNTS.get("merchant").name())
                .put("override", true));
    }

    private String flashSale(String room, Duration opensIn) {
        long opensAt = Instant.now().plus(opensIn).toEpochMilli();
        return api.post("/api/sales", merchant, new JsonObject()
                .put("sku", "yak-milk-1l")
                .put("priceFen", 1990)
                .put("units", 300)
                .put("perUserLimit", 2)
                .put("opensAt", opensAt)
                .put("closesAt", opensAt + Duration.ofMinutes(30).toMillis())
                .put("paymentWindowSeconds", 600)
                .put("room", room)).getString("id");
    }
}

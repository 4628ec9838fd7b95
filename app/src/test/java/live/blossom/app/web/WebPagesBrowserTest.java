package live.blossom.app.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import live.blossom.app.demo.Demo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a real Chromium against a whole demo node (Redis, Hazelcast, every plane, the
 * synthetic broadcast over RTMP) started here on free ports.
 */
@DisplayName("The web pages, in a real browser against a running demo")
class WebPagesBrowserTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @TempDir
    static Path data;

    static Demo demo;
    static DemoApi api;
    static String base;

    @BeforeAll
    static void startDemo() {
        if (!BrowserExtension.chromiumInstalled()) {
            return; // nothing to drive: every test reports itself skipped (see BrowserExtension)
        }
        demo = Demo.start(new Demo.DemoOptions(data, 0, 0, Duration.ofMinutes(10), 0));
        api = new DemoApi(demo.httpPort());
        base = "http://127.0.0.1:" + demo.httpPort();
        PlaywrightAssertions.setDefaultAssertionTimeout(45_000);
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    /** Grabs the video's current frame into a canvas and fingerprints its pixels. */
    private static final String GRAB_FRAME = """
            () => {
              const v = document.getElementById('player');
              const c = document.createElement('canvas');
              c.width = v.videoWidth; c.height = v.videoHeight;
              const g = c.getContext('2d');
              g.drawImage(v, 0, 0);
              const px = g.getImageData(0, 0, c.width, c.height).data;
              let hash = 2166136261, light = 0;
              for (let i = 0; i < px.length; i += 4) {
                hash = Math.imul(hash ^ (px[i] + 3 * px[i + 1] + 7 * px[i + 2]), 16777619);
                light += px[i] + px[i + 1] + px[i + 2];
              }
              return { hash: (hash >>> 0).toString(16), light, width: c.width, height: c.height };
            }""";

    @Test
    @DisplayName("a viewer opening /watch/{room} sees the video play and the clock in the picture move")
    void videoPlaysAndTheClockMoves() {
        Page page = browser.newVisitor();
        page.navigate(base + "/watch/" + demo.room());
        page.waitForFunction("() => { const v = document.getElementById('player');"
                + " return v.readyState >= 2 && !v.paused && v.currentTime > 0.5; }");
        double before = ((Number) page.evaluate("document.getElementById('player').currentTime")).doubleValue();
        @SuppressWarnings("unchecked")
        var first = (java.util.Map<String, Object>) page.evaluate(GRAB_FRAME);

        page.waitForFunction("t => document.getElementById('player').currentTime > t + 1.2", before);
        @SuppressWarnings("unchecked")
        var second = (java.util.Map<String, Object>) page.evaluate(GRAB_FRAME);

        assertThat(((Number) first.get("width")).intValue()).as("decoded picture width").isPositive();
        assertThat(((Number) first.get("light")).doubleValue()).as("the picture is not black").isPositive();
        assertThat(second.get("hash")).as("the picture a second later (the clock has moved)").isNotEqualTo(first.get("hash"));
        assertThat(page.locator("#live-flag")).isVisible();
    }

    @Test
    @DisplayName("a chat message sent in one browser appears, as plain text, in another")
    void chatMessageReachesAnotherBrowser() {
        Page ama = watchAsViewer("Ama");
        Page bob = watchAsViewer("Bob");
        String text = "Tashi delek " + UUID.randomUUID().toString().substring(0, 8) + " <b>not bold</b>";

        say(ama, text);

        Locator line = bob.locator("#messages li", new Page.LocatorOptions().setHasText(text));
        assertThat(line).hasCount(1);
        assertThat(line.locator(".name")).hasText("Ama");
        assertThat(bob.locator("#messages li b")).hasCount(0); // markup in chat is shown, never rendered
        assertThat(ama.locator("#messages li", new Page.LocatorOptions().setHasText(text))).hasCount(1);
    }

    @Test
    @DisplayName("viewers whose room's messages began again under them read on: every new line appears, once")
    void roomThatBeganAgainReadsOn() {
        Page ama = watchAsViewer("Ama");
        Page bob = watchAsViewer("Bob");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        say(ama, "before " + tag);
        assertThat(bob.locator("#messages li", new Page.LocatorOptions().setHasText("before " + tag))).hasCount(1);

        // What a retirement does to a node that could not renew the room's lease: the ring is
        // gone, the next line starts a new one at sequence 0, and the open pages are told.
        demo.platform().hazelcast().getRingbuffer("chat.room." + demo.room()).destroy();
        say(ama, "first of the new ring " + tag);
        say(ama, "second of the new ring " + tag);

        for (Page page : List.of(ama, bob)) {
            for (String text : List.of("first of the new ring " + tag, "second of the new ring " + tag)) {
                assertThat(page.locator("#messages li", new Page.LocatorOptions().setHasText(text))).hasCount(1);
            }
            assertThat(page.locator("#messages li", new Page.LocatorOptions().setHasText("before " + tag))).hasCount(1);
        }
    }

    /** Keeps every chat WebSocket of a page, with the JSON it sent and received, in {@code window.chatSockets}. */
    private static final String WATCH_CHAT_SOCKETS = """
            (() => {
              const Native = window.WebSocket;
              window.chatSockets = [];
              window.WebSocket = class extends Native {
                constructor(...args) {
                  super(...args);
                  const socket = { ws: this, sent: [], received: [] };
                  window.chatSockets.push(socket);
                  this.addEventListener('message', (e) => socket.received.push(JSON.parse(e.data)));
                }
                send(data) {
                  window.chatSockets.find((s) => s.ws === this).sent.push(JSON.parse(data));
                  super.send(data);
                }
              };
            })();""";

    @Test
    @DisplayName("a page whose chat connection drops joins again with the last sequence it saw and its ring's epoch, and misses nothing said meanwhile")
    void droppedConnectionResumesWhereItStopped() {
        Page bob = watchAsViewer("Bob");
        Page ama = browser.newVisitor();
        ama.addInitScript(WATCH_CHAT_SOCKETS);
        ama.navigate(base + "/watch/" + demo.room());
        signIn(ama, "viewer", "Ama");
        assertThat(ama.locator("#chat-status")).hasAttribute("data-chat", "live");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        say(bob, "before the drop " + tag);
        assertThat(ama.locator("#messages li", new Page.LocatorOptions().setHasText("before the drop " + tag))).hasCount(1);

        // The connection drops; the page reconnects after a second.
        JsonObject dropped = new JsonObject((String) ama.evaluate("""
                () => {
                  const s = window.chatSockets.at(-1);
                  s.ws.close(4000, 'dropped');
                  const batches = s.received.filter((f) => f.type === 'batch');
                  const joined = s.received.filter((f) => f.type === 'joined');
                  return JSON.stringify({ count: window.chatSockets.length, last: Math.max(...batches.map((b) => b.last)),
                                          epoch: joined.at(-1).epoch });
                }"""));
        say(bob, "while away " + tag);
        say(bob, "after the drop " + tag);

        for (String text : List.of("before the drop ", "while away ", "after the drop ")) {
            assertThat(ama.locator("#messages li", new Page.LocatorOptions().setHasText(text + tag))).hasCount(1);
        }
        JsonObject rejoin = new JsonObject((String) ama.evaluate("(n) => JSON.stringify(window.chatSockets[n].sent"
                + ".find((m) => m.type === 'join'))", dropped.getInteger("count")));
        assertThat(rejoin.getLong("since")).isEqualTo(dropped.getLong("last"));
        assertThat(rejoin.getString("epoch")).isNotBlank().isEqualTo(dropped.getString("epoch"));
    }

    private static void say(Page page, String text) {
        page.fill("#chat-text", text);
        page.click("#chat-send");
    }

    @Test
    @DisplayName("a viewer who has not pressed Buy is told when the last unit goes to someone else")
    void soldOutReachesAWatcher() {
        String sale = openOneUnitSale("Last bag of barley", 3200, 2500);
        Page watcher = watchAsViewer("Pasang", "?sale=" + sale);
        assertThat(watcher.locator("#buy")).isEnabled();

        String tenzin = api.call("POST", "/api/dev/login", null,
                new JsonObject().put("account", "viewer").put("name", "Tenzin")).getString("token");
        api.call("POST", "/api/sales/" + sale + "/orders", tenzin, new JsonObject().put("units", 1),
                UUID.randomUUID().toString());

        assertThat(watcher.locator("#buy-status")).hasAttribute("data-outcome", "sold_out");
        assertThat(watcher.locator("#buy-status")).containsText("Sold out");
        assertThat(watcher.locator("#buy")).isDisabled();
    }

    @Test
    @DisplayName("with one unit in stock, two viewers press Buy: one gets the order (and pays), the other sees sold out")
    void oneUnitTwoBuyers() {
        String sale = openOneUnitSale("Last jar of honey", 6800, 5000);

        List<Page> buyers = List.of(watchAsViewer("Dolkar", "?sale=" + sale), watchAsViewer("Nyima", "?sale=" + sale));
        for (Page p : buyers) {
            assertThat(p.locator("#product")).hasAttribute("data-state", "open");
            assertThat(p.locator("#buy")).isEnabled();
        }
        // Both press Buy at practically the same moment.
        for (Page p : buyers) {
            p.evaluate("document.getElementById('buy').click()");
        }
        for (Page p : buyers) {
            p.waitForFunction("() => ['reserved', 'sold_out'].includes(document.getElementById('buy-status').dataset.outcome)");
        }
        List<String> outcomes = buyers.stream()
                .map(p -> p.locator("#buy-status").getAttribute("data-outcome")).toList();
        assertThat(outcomes).containsExactlyInAnyOrder("reserved", "sold_out");

        Page winner = buyers.get(outcomes.indexOf("reserved"));
        Page loser = buyers.get(outcomes.indexOf("sold_out"));
        assertThat(loser.locator("#buy-status")).containsText("Sold out");
        assertThat(loser.locator("#product")).hasAttribute("data-state", "sold_out");
        assertThat(loser.locator("#buy")).isDisabled();
        assertThat(winner.locator("#buy-status")).containsText("Reserved");

        winner.click("#pay");
        assertThat(winner.locator("#buy-status")).hasAttribute("data-outcome", "paid");
        assertThat(winner.locator("#buy-status")).containsText("Paid");
    }

    @Test
    @DisplayName("a merchant books a free studio slot, then sees a clear conflict message for an overlapping one")
    void merchantBooksAndSeesConflict() {
        Page page = browser.newVisitor();
        page.navigate(base + "/merchant");
        signIn(page, "merchant", null);
        assertThat(page.locator("#studio option").first()).isAttached();

        String zone = api.call("GET", "/api/studios", null, null).getJsonArray("studios").getJsonObject(0).getString("timeZone");
        Locator free = page.locator("#slots button.slot.free");
        String start = null;
        // Tomorrow onwards in the studio's zone: a day that is not half over and has free slots.
        for (int ahead = 1; ahead <= 7 && start == null; ahead++) {
            String day = LocalDate.now(ZoneId.of(zone)).plusDays(ahead).toString();
            page.fill("#day", day);
            assertThat(page.locator("#slots")).hasAttribute("data-day", day);
            if (free.count() > 0) {
                start = free.nth(free.count() / 2).getAttribute("data-start");
                free.nth(free.count() / 2).click();
            }
        }
        assertThat(start).as("a day with free slots in the coming week").isNotNull();
        assertThat(page.locator("#book-start")).hasValue(start);
        page.fill("#book-title", "Browser test show");
        page.click("#book-go");
        assertThat(page.locator("#book-status")).hasAttribute("data-outcome", "booked");
        assertThat(page.locator("#book-status")).containsText("Booked");
        assertThat(page.locator("#new-stream-key")).not().isEmpty();
        assertThat(page.locator("#bookings tr", new Page.LocatorOptions().setHasText("Browser test show"))).hasCount(1);

        // The same start again overlaps the booking just made.
        page.fill("#book-start", start);
        page.fill("#book-title", "Overlapping show");
        page.click("#book-go");
        assertThat(page.locator("#book-status")).hasAttribute("data-outcome", "slot_taken");
        assertThat(page.locator("#book-status")).containsText(Pattern.compile("taken: the studio is booked \\d\\d:\\d\\d–\\d\\d:\\d\\d"));
        assertThat(page.locator("#bookings tr", new Page.LocatorOptions().setHasText("Overlapping show"))).hasCount(0);
    }

    @Test
    @DisplayName("the admin page's charts receive data every second")
    void adminChartsReceiveData() {
        Page page = browser.newVisitor();
        page.navigate(base + "/admin");
        signIn(page, "admin", null);
        for (String chart : Set.of("viewers", "chat", "orders", "redis", "heap")) {
            Locator figure = page.locator("#chart-" + chart);
            assertThat(figure.locator("canvas").first()).isAttached();
            page.waitForFunction("id => Number(document.getElementById(id).dataset.points) >= 3", "chart-" + chart);
        }
        assertThat(page.locator("#now")).containsText("MB");
        assertThat(page.locator("#members tr")).not().hasCount(0);
    }

    /** A product with one unit in stock, on an open flash sale in the demo room; answers the sale's id. */
    private String openOneUnitSale(String name, int listPriceFen, int salePriceFen) {
        String merchant = api.token("merchant");
        String sku = "one-" + UUID.randomUUID().toString().substring(0, 8);
        api.call("POST", "/api/products", merchant, new JsonObject().put("sku", sku).put("name", name)
                .put("priceFen", listPriceFen).put("stock", 1));
        String sale = api.call("POST", "/api/sales", merchant, new JsonObject().put("sku", sku).put("room", demo.room())
                .put("priceFen", salePriceFen).put("units", 1).put("perUserLimit", 1)).getString("id");
        api.call("POST", "/api/sales/" + sale + "/open", merchant, null);
        return sale;
    }

    private Page watchAsViewer(String name) {
        return watchAsViewer(name, "");
    }

    private Page watchAsViewer(String name, String query) {
        Page page = browser.newVisitor();
        page.navigate(base + "/watch/" + demo.room() + query);
        signIn(page, "viewer", name);
        assertThat(page.locator("#chat-status")).hasAttribute("data-chat", "live");
        return page;
    }

    private static void signIn(Page page, String account, String name) {
        page.selectOption("#signin-account", account);
        if (name != null) {
            page.fill("#signin-name", name);
        }
        page.click("#signin-go");
        assertThat(page.locator("#signed-in-as")).isVisible();
    }

}

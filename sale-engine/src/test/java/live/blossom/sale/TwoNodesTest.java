package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import live.blossom.platform.auth.Role;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.platform.redis.RedisServerProcess;
import live.blossom.platform.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes in one Hazelcast cluster sharing one Redis, as in production. */
class TwoNodesTest {

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    static SaleNode a;
    static SaleNode b;
    static String merchant;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        int portA = freePort();
        int portB = freePort();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        a = SaleNode.start(TestNode.config(dirA).with(PlatformKeys.CLUSTER_PORT, portA).with(PlatformKeys.CLUSTER_MEMBERS, members),
                SaleKeys.SWEEP_INTERVAL, "200ms");
        b = SaleNode.start(TestNode.config(dirB).with(PlatformKeys.CLUSTER_PORT, portB).with(PlatformKeys.CLUSTER_MEMBERS, members)
                .with(PlatformKeys.REDIS_URL, a.platform.redis().uri()), SaleKeys.SWEEP_INTERVAL, "200ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.platform.hazelcast().getCluster().getMembers().size() == 2);
        merchant = a.token("m-8", "Cluster Farm", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    @DisplayName("a sale sold out through node A is answered sold out from memory by node B, even while Redis is down")
    void soldOutReachesEveryNode() {
        String sale = a.openSale(merchant, 1, 1, 600);
        String other = a.openSale(merchant, 5, 1, 600);
        assertThat(a.buy(sale, a.token("first", "First", Role.VIEWER)).statusCode()).isEqualTo(201);
        RedisServerProcess redis = (RedisServerProcess) a.platform.redis();
        redis.kill();
        try {
            String late = b.token("late", "Late", Role.VIEWER);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.buy(sale, late).statusCode() == 409);
            assertThat(b.buy(other, late).statusCode()).isEqualTo(503);
        } finally {
            redis.restart();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> b.buy(other, b.token("after", "After", Role.VIEWER)).statusCode() == 201);
    }

    @Test
    @DisplayName("both nodes sweep the same sale: every unpaid unit comes back exactly once and both nodes sell again")
    void expiryOnTwoNodes() {
        String sale = a.openSale(merchant, 20, 1, 1);
        for (int i = 0; i < 20; i++) {
            SaleNode node = i % 2 == 0 ? a : b;
            assertThat(node.buy(sale, node.token("sweep-" + i, "Sweep " + i, Role.VIEWER)).statusCode()).isEqualTo(201);
        }
        assertThat(a.buy(sale, a.token("no-a", "No", Role.VIEWER)).statusCode()).isEqualTo(409);
        assertThat(b.buy(sale, b.token("no-b", "No", Role.VIEWER)).statusCode()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(20)).until(() -> SaleNode.json(a.get("/api/sales/" + sale, null)).getLong("left") == 20);
        long expiredEvents = a.redis().xrange(SaleKeyspace.log(sale), Range.unbounded()).stream()
                .filter(m -> "expired".equals(m.getBody().get("event"))).count();
        assertThat(expiredEvents).isEqualTo(20);
        JsonObject figures = SaleNode.json(a.get("/api/sales/" + sale + "/figures", merchant));
        assertThat(figures.getLong("unitsExpired")).isEqualTo(20);
        assertThat(a.audit(sale, merchant).getBoolean("holds")).isTrue();

        HttpResponse<String> onA = a.buy(sale, a.token("again-a", "Again", Role.VIEWER));
        HttpResponse<String> onB = b.buy(sale, b.token("again-b", "Again", Role.VIEWER));
        assertThat(onA.statusCode()).isEqualTo(201);
        assertThat(onB.statusCode()).isEqualTo(201);
    }
}

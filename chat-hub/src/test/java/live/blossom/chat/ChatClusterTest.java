package live.blossom.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import live.blossom.chat.support.ChatClient;
import live.blossom.chat.support.CommerceEvents;
import live.blossom.chat.support.ChatNode;
import live.blossom.chat.support.ClusterNodeMain;
import live.blossom.platform.auth.Role;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.redis.RedisLauncher;
import live.blossom.platform.redis.RedisServerProcess;
import live.blossom.platform.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Chat across a three-member cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatClusterTest {

    private static final Duration LONG = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static RedisServerProcess redis;
    static ChatNode a;
    static ChatNode b;
    static Process c;
    static int cPort;
    static Vertx client;

    @BeforeAll
    static void start() throws Exception {
        // Members are declared dead within seconds of a kill, not after the default minute.
        System.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        System.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        redis = RedisLauncher.launch(dir.resolve("redis"), "everysec", "");
        int[] ports = {TestNode.freePort(), TestNode.freePort(), TestNode.freePort()};
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        a = ChatNode.start(config(dir.resolve("a"), ports[0], members));
        b = ChatNode.start(config(dir.resolve("b"), ports[1], members));
        c = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dhazelcast.heartbeat.interval.seconds=1", "-Dhazelcast.max.no.heartbeat.seconds=6",
                "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(),
                dir.resolve("c").toString(), String.valueOf(ports[2]), members, redis.uri())
                .redirectErrorStream(true).start();
        cPort = readyPort(c);
        await().atMost(LONG).until(() -> a.platform.hazelcast().getCluster().getMembers().size() == 3);
        client = Vertx.vertx();
    }

    private static BlossomConfig config(Path dataDir, int clusterPort, String members) {
        return ChatNode.member(dataDir, clusterPort, members, redis.uri())
                .with(ChatKeys.RATE_LIMIT_COUNT, 100_000).with(ChatKeys.INBOUND_FRAMES_PER_SECOND, 1000);
    }

    private static int readyPort(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("READY ")) {
                int port = Integer.parseInt(line.substring(6).trim());
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "node-c-output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("node c exited before it was ready:\n" + seen);
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.destroyForcibly();
        }
        if (client != null) {
            client.close();
        }
        ChatNode.closeAll(b, a, redis);
    }

    private static ChatClient joined(int port, String room, long since) {
        return joined(port, room, since, null);
    }

    private static ChatClient joined(int port, String room, long since, String epoch) {
        ChatClient viewer = ChatClient.connect(client, port, null);
        viewer.join(room, since, epoch);
        await().atMost(LONG).until(() -> !viewer.ofType("joined").isEmpty());
        return viewer;
    }

    @Test
    @Order(0)
    @DisplayName("a stock countdown published on one member reaches viewers on the others in order")
    void commerceEventsKeepTheirOrderAcrossMembers() {
        String room = "countdown";
        try (ChatClient onB = joined(b.port(), room, -1); ChatClient onC = joined(cPort, room, -1)) {
            long at = System.currentTimeMillis();
            for (int left = 30; left > 0; left--) {
                CommerceEvents.unitsLeft(a.platform.vertx(), room, "s1", left, 30, at);
            }
            List<Integer> countdown = java.util.stream.IntStream.iterate(30, n -> n > 0, n -> n - 1).boxed().toList();
            for (ChatClient viewer : List.of(onB, onC)) {
                await().atMost(LONG).until(() -> viewer.messages().size() >= 30);
                assertThat(viewer.messages()).extracting(m -> m.getJsonObject("event").getInteger("left"))
                        .containsExactlyElementsOf(countdown);
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("a message sent on one member reaches viewers on all three in the same order")
    void orderAcrossMembers() {
        // Senders are host and moderator: their lines are never sampled, so all 80 must arrive.
        String room = "order";
        try (ChatClient onA = joined(a.port(), room, -1); ChatClient onB = joined(b.port(), room, -1);
             ChatClient onC = joined(cPort, room, -1);
             ChatClient senderA = ChatClient.connect(client, a.port(), a.token("ann", Role.HOST));
             ChatClient senderB = ChatClient.connect(client, b.port(), b.token("bob", Role.MODERATOR))) {
            senderA.join(room, -1);
            senderB.join(room, -1);
            await().until(() -> !senderA.ofType("joined").isEmpty() && !senderB.ofType("joined").isEmpty());
            for (int i = 0; i < 40; i++) {
                senderA.say(room, "a" + i, "a" + i);
                senderB.say(room, "b" + i, "b" + i);
                if (i % 20 == 19) {
                    int sent = i + 1;
                    await().until(() -> senderA.ofType("ack").size() == sent && senderB.ofType("ack").size() == sent);
                }
            }
            await().atMost(LONG).untilAsserted(() -> assertThat(List.of(onA.texts().size(), onB.texts().size(),
                    onC.texts().size(), senderA.ofType("ack").size(), senderB.ofType("ack").size()))
                    .as("texts on a, b, c; acks of a, b; errors %s %s", senderA.ofType("error"), senderB.ofType("error"))
                    .containsOnly(80, 40));
            assertThat(onB.sequences()).isEqualTo(onA.sequences());
            assertThat(onC.sequences()).isEqualTo(onA.sequences());
            assertThat(onB.texts()).isEqualTo(onA.texts());
            assertThat(onC.texts()).isEqualTo(onA.texts());
            assertThat(onA.texts().stream().filter(t -> t.startsWith("a")).toList())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "a" + i).toList());
        }
    }

    @Test
    @Order(2)
    @DisplayName("a ban given on one member stops the user's posts on another member at once")
    void banHoldsOnOtherMembersAtOnce() {
        String room = "ban-across";
        // A user whose sanction entry another member owns: member b then answers from its near
        // cache, which only a change sent from the owner can correct.
        var partitions = b.platform.hazelcast().getPartitionService();
        var self = b.platform.hazelcast().getCluster().getLocalMember();
        String user = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "spammer" + i)
                .filter(u -> !self.equals(partitions.getPartition(room + "/" + u).getOwner()))
                .findFirst().orElseThrow();
        try (ChatClient spammer = ChatClient.connect(client, b.port(), b.token(user, Role.VIEWER));
             ChatClient mod = ChatClient.connect(client, a.port(), a.token("mia", Role.MODERATOR))) {
            spammer.join(room, -1);
            mod.join(room, -1);
            await().until(() -> !spammer.ofType("joined").isEmpty() && !mod.ofType("joined").isEmpty());
            spammer.say(room, "buy followers", "s0");
            await().until(() -> spammer.ofType("ack").size() == 1);
            mod.send(new JsonObject().put("type", "moderate").put("room", room).put("action", "ban").put("user", user));
            await().until(() -> !mod.ofType("moderated").isEmpty());
            // Hazelcast's default would tell b within about 10 s; a ban must hold within moments.
            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                spammer.say(room, "still here", "s" + n.incrementAndGet());
                return spammer.has(f -> "error".equals(f.getString("type")) && "banned".equals(f.getString("code")));
            });
        }
    }

    @Test
    @Order(3)
    @DisplayName("when a member is killed with kill -9 its viewers reconnect elsewhere and recover with no gap and no duplicate")
    void killMemberWhileMessagesFlow() throws Exception {
        String room = "survive";
        List<JsonObject> seenByVictimViewers = new ArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger acked = new AtomicInteger();
        try (ChatClient sender = ChatClient.connect(client, a.port(), a.token("host", Role.HOST));
             ChatClient witness = joined(b.port(), room, -1)) {
            ChatClient onC = joined(cPort, room, -1);
            sender.join(room, -1);
            await().until(() -> !sender.ofType("joined").isEmpty());
            Thread flow = new Thread(() -> {
                for (int i = 0; sending.get() && i < 2000; i++) {
                    int n = i;
                    sender.say(room, "m" + i, "m" + i);
                    await().atMost(LONG).until(() -> sender.ofType("ack").size() + sender.ofType("error").size() > n);
                    acked.set(sender.ofType("ack").size());
                }
            }, "sender");
            flow.start();
            await().atMost(LONG).until(() -> onC.texts().size() >= 20);
            c.destroyForcibly().waitFor();
            await().atMost(LONG).until(onC::closed);
            long last = onC.lastSeen();
            String epoch = onC.epoch();
            seenByVictimViewers.addAll(onC.frames);
            onC.close();
            try (ChatClient moved = joined(a.port(), room, last, epoch)) {
                // The same life of the room's ring on every member: the sequence goes on.
                assertThat(moved.epoch()).isEqualTo(epoch).isEqualTo(witness.epoch());
                int target = acked.get() + 30;
                await().atMost(LONG).until(() -> acked.get() >= target);
                sending.set(false);
                flow.join();
                long lastAcked = sender.ofType("ack").stream().mapToLong(x -> x.getLong("seq")).max().orElseThrow();
                await().atMost(LONG).until(() -> moved.lastSeen() >= lastAcked && witness.lastSeen() >= lastAcked);
                List<JsonObject> all = new ArrayList<>(seenByVictimViewers);
                all.addAll(moved.frames);
                List<Long> seqs = sequencesOf(all);
                assertThat(seqs).doesNotHaveDuplicates().isSorted();
                long first = seqs.get(0);
                // No gap: the viewer saw every sequence from its first to the last acknowledged one.
                assertThat(seqs).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(first, lastAcked).boxed().toList());
                assertThat(witness.sequences()).containsAll(seqs);
                assertThat(moved.ofType("error")).isEmpty();
            }
        }
    }

    private static List<Long> sequencesOf(List<JsonObject> frames) {
        List<Long> seqs = new ArrayList<>();
        for (JsonObject f : frames) {
            if ("batch".equals(f.getString("type"))) {
                f.getJsonArray("messages").forEach(m -> seqs.add(((JsonObject) m).getLong("seq")));
            }
        }
        return seqs;
    }
}

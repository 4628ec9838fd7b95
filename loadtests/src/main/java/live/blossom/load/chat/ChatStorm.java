package live.blossom.load.chat;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The mixed chat case: viewers keep joining a room, watch a while and leave, while signed-in
 * viewers post (each waits for its ack). Target: {@code -Dchat.port}; tokens are signed with
 * {@code -Dchat.secret}. Run by {@code ./loadtests/bench chat-fanout --storm}.
 */
public class ChatStorm extends Simulation {

    private static final int PORT = Integer.getInteger("chat.port", 8080);
    private static final String SECRET = System.getProperty("chat.secret", ChatFanoutBench.SECRET);
    private static final int SECONDS = Integer.getInteger("chat.storm.seconds", 40);
    private static final String JOIN = "{\"type\":\"join\",\"room\":\"storm\"}";

    private final AtomicInteger senderIds = new AtomicInteger();
    private final Iterator<Map<String, Object>> tokens = Stream.generate(() -> Map.<String, Object>of("token",
            Tokens.viewer(SECRET, "storm-" + senderIds.incrementAndGet()))).iterator();

    private final HttpProtocolBuilder protocol = http.wsBaseUrl("ws://127.0.0.1:" + PORT);

    private final ScenarioBuilder viewers = scenario("viewers join, watch and leave")
            .exec(ws("connect").connect("/ws/chat"))
            .exec(ws("join").sendText(JOIN).await(10).on(
                    ws.checkTextMessage("joined").matching(regex("\"type\":\"joined\"")).check(regex("\"last\":(-?\\d+)"))))
            .pause(3, 12)
            .exec(ws("leave").sendText("{\"type\":\"leave\",\"room\":\"storm\"}"))
            .exec(ws("close").close());

    private final ScenarioBuilder senders = scenario("senders post and wait for the ack")
            .feed(tokens)
            .exec(ws("connect signed in").connect("/ws/chat?token=#{token}"))
            .exec(ws("join as sender").sendText(JOIN).await(10).on(
                    ws.checkTextMessage("joined").matching(regex("\"type\":\"joined\"")).check(regex("\"last\":(-?\\d+)"))))
            .repeat(10).on(exec(ws("send").sendText(StringBody(session ->
                            "{\"type\":\"send\",\"room\":\"storm\",\"text\":\"t=" + SwarmStats.nowMicros() + "\"}"))
                    .await(10).on(ws.checkTextMessage("ack").matching(regex("\"type\":\"(ack|error)\"")).check(regex("\"type\":\"ack\""))))
                    .pause(2))
            .exec(ws("close sender").close());

    {
        setUp(
                viewers.injectOpen(constantUsersPerSec(100).during(SECONDS)),
                senders.injectOpen(rampUsers(60).during(SECONDS / 2)))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}

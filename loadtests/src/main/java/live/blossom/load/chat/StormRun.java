package live.blossom.load.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one Blossom chat node and runs the {@link ChatStorm} Gatling simulation against it in a
 * separate JVM; the HTML report lands under {@code <work>/gatling}.
 */
public final class StormRun {

    private StormRun() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target/chat-bench");
        for (String arg : args) {
            if (arg.startsWith("--work=")) {
                work = Path.of(arg.substring(7));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path dir = work.resolve("storm-node");
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g"));
        cmd.addAll(ChatBenchNode.HAZELCAST_ACCESS);
        cmd.addAll(List.of("-cp", cp, ChatBenchNode.class.getName(), "http.host=127.0.0.1", "http.port=0",
                "http.instances=2", "data.dir=" + dir, "jwt.secret=" + ChatFanoutBench.SECRET, "redis.command-timeout=5s"));
        try (BenchProcess node = new BenchProcess("storm-node", cmd, dir.resolve("node.log"))) {
            int port = Integer.parseInt(node.await("READY", 120).split(" ")[1]);
            Process gatling = new ProcessBuilder(java, "-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "-Dchat.port=" + port, "-Dchat.storm.seconds=" + Integer.getInteger("chat.storm.seconds", 40), "-cp", cp,
                    "io.gatling.app.Gatling", "--simulation", ChatStorm.class.getName(),
                    "--results-folder", work.resolve("gatling").toAbsolutePath().toString())
                    .inheritIO().start();
            int code = gatling.waitFor();
            System.out.println("ChatStorm finished with exit code " + code + "; HTML report under "
                    + work.resolve("gatling"));
        }
    }
}

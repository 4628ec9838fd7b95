package live.blossom.load.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import live.blossom.platform.redis.RedisLauncher;
import live.blossom.platform.redis.RedisServerProcess;
import org.HdrHistogram.Histogram;

/**
 * The {@code chat-fanout} benchmark driver: Blossom with 10,000 viewers on one node, the same
 * swarm against a minimal Node.js {@code ws} broadcast server, then the big room on a local
 * cluster. Every server and swarm is a child process; the driver reads their CPU and memory from
 * /proc and merges the swarms' latency histograms. Options: {@code --viewers=100000 --nodes=6
 * --small=10000 --rate=50 --seconds=30 --work=DIR --ws-modules=DIR --skip-big --only-big}.
 */
public final class ChatFanoutBench {

    static final String SECRET = "chat-fanout-bench-secret-0123456789abcdef";
    private static final String HOST = "127.0.0.1";
    private static final int PER_SWARM = 17_000;
    private static final int SENDERS = 100;
    /** The nodes' collector options; BENCH_NODE_GC replaces them (e.g. "-XX:+UseParallelGC -XX:ParallelGCThreads=2"). */
    private static final String NODE_GC = System.getenv().getOrDefault("BENCH_NODE_GC", "-XX:+UseSerialGC").trim();
    /** More JVM options for every node, e.g. a Flight Recorder recording; none by default. */
    private static final String NODE_OPTS = System.getenv().getOrDefault("BENCH_NODE_OPTS", "").trim();
    /** More JVM options for every viewer swarm, {name} being its name; none by default. */
    private static final String SWARM_OPTS = System.getenv().getOrDefault("BENCH_SWARM_OPTS", "").trim();

    private final Map<String, String> opts;
    private final Path work;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classpath = System.getProperty("java.class.path");
    private final int rate;
    private final int seconds;
    /** Event loops per viewer swarm (--swarm-loops). */
    private final String swarmLoops;
    /** Frames per second per node of the big room (--big-budget, chat.node-frame-budget). */
    private final int bigBudget;
    private RedisServerProcess redis;

    private ChatFanoutBench(Map<String, String> opts) throws IOException {
        this.opts = opts;
        this.work = Path.of(opts.getOrDefault("work", "target/chat-bench")).toAbsolutePath();
        this.rate = Integer.parseInt(opts.getOrDefault("rate", "50"));
        this.seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        this.swarmLoops = opts.getOrDefault("swarm-loops", "1");
        this.bigBudget = Integer.parseInt(opts.getOrDefault("big-budget", "9000"));
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            String a = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = a.indexOf('=');
            opts.put(eq < 0 ? a : a.substring(0, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        new ChatFanoutBench(opts).run();
    }

    private void run() throws Exception {
        int small = Integer.parseInt(opts.getOrDefault("small", "10000"));
        int big = Integer.parseInt(opts.getOrDefault("viewers", "100000"));
        int nodes = Integer.parseInt(opts.getOrDefault("nodes", "6"));
        redis = RedisLauncher.launch(work.resolve("redis"), "everysec", "");
        Phase blossom10k;
        Phase ws10k;
        Phase bigRoom;
        try {
            if (opts.containsKey("only-big")) {
                // For studying the cluster alone: no one-node phase and no baseline, so no ratio.
                bigRoom = blossom("blossom-" + nodes + "-nodes", big, nodes, bigBudget);
                System.out.println(bigRoom.line());
                redis.close();
                System.out.printf(Locale.ROOT, "RESULT chat-fanout-big viewers=%d nodes=%d msgs_per_s=%d p99_ms=%.0f "
                                + "kb_per_conn=%.1f connects_per_s=%.0f gaps=%d dups=%d%n", bigRoom.viewers(), bigRoom.nodes(),
                        Math.round(bigRoom.acceptedPerSecond()), bigRoom.p99(), bigRoom.kbPerConnection(),
                        bigRoom.connectsPerSecond(), bigRoom.gaps(), bigRoom.dups());
                return;
            }
            blossom10k = blossom("blossom-1-node", small, 1, Integer.parseInt(opts.getOrDefault("small-budget", "64000")));
            System.out.println(blossom10k.line());
            ws10k = wsBaseline(small);
            System.out.println(ws10k.line());
            bigRoom = opts.containsKey("skip-big") ? blossom10k
                    : blossom("blossom-" + nodes + "-nodes", big, nodes, bigBudget);
            if (bigRoom != blossom10k) {
                System.out.println(bigRoom.line());
            }
        } finally {
            redis.close(); // before the summary, so that the RESULT line stays the last one
        }
        double ratio = ws10k.deliveriesPerCpuSecond() <= 0 ? 0
                : blossom10k.deliveriesPerCpuSecond() / ws10k.deliveriesPerCpuSecond();
        System.out.println();
        System.out.printf(Locale.ROOT, "Blossom at %d viewers on one node: p99 %.0f ms, %.0f deliveries per server "
                + "CPU-second; ws baseline: p99 %.0f ms, %.0f deliveries per CPU-second (ratio %.1f).%n", small,
                blossom10k.p99(), blossom10k.deliveriesPerCpuSecond(), ws10k.p99(), ws10k.deliveriesPerCpuSecond(), ratio);
        System.out.printf(Locale.ROOT, "RESULT chat-fanout viewers=%d nodes=%d msgs_per_s=%d p99_ms=%.0f p99_ms_10k=%.0f "
                        + "kb_per_conn=%.1f connects_per_s=%.0f deliveries_per_cpu_s_ratio=%.1f gaps=%d dups=%d%n",
                bigRoom.viewers(), bigRoom.nodes(), Math.round(bigRoom.acceptedPerSecond()), bigRoom.p99(), blossom10k.p99(),
                Math.max(blossom10k.kbPerConnection(), bigRoom.kbPerConnection()),
                Math.min(blossom10k.connectsPerSecond(), bigRoom.connectsPerSecond()), ratio,
                blossom10k.gaps() + bigRoom.gaps(), blossom10k.dups() + bigRoom.dups());
    }

    private Phase blossom(String name, int viewers, int nodes, int frameBudget) throws Exception {
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            clusterPorts.add(freePort());
        }
        String members = nodes == 1 ? "" : String.join(",", clusterPorts.stream().map(p -> HOST + ":" + p).toList());
        List<BenchProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                Path dir = work.resolve(name + "-node" + i);
                Files.createDirectories(dir);
                // A node starts with the heap it will need for its viewers, as a server should: a
                // small start heap grew by a full collection every few hundred connects (pauses of
                // up to a second, and nearly half of the connect CPU). Memory per connection is measured
                // as the growth of resident memory, after a full collection, so it is not hidden.
                List<String> cmd = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx" + (nodes == 1 ? "1g" : "768m")));
                cmd.addAll(List.of(NODE_GC.split(" ")));
                cmd.addAll(ChatBenchNode.HAZELCAST_ACCESS);
                if (!NODE_OPTS.isEmpty()) {
                    cmd.addAll(List.of(NODE_OPTS.replace("{dir}", dir.toString()).split("\\s+")));
                }
                cmd.addAll(List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k",
                        "-XX:MaxDirectMemorySize=512m", "-Xlog:gc,gc+cpu,safepoint:file=" + dir.resolve("gc.log"),
                        "-cp", classpath, ChatBenchNode.class.getName(),
                        "http.host=" + HOST, "http.port=0", "http.instances=" + opts.getOrDefault("node-loops", "1"),
                        "data.dir=" + dir, "redis.url=" + redis.uri(), "redis.command-timeout=5s",
                        "jwt.secret=" + SECRET, "cluster.port=" + clusterPorts.get(i), "cluster.members=" + members,
                        "chat.readable-rate=100000", "chat.node-frame-budget=" + frameBudget,
                        "chat.batch-window-max=3s"));
                if (opts.containsKey("http-transport")) {
                    cmd.add("http.transport=" + opts.get("http-transport"));
                }
                if (opts.containsKey("deflate-min-bytes")) {
                    cmd.add("chat.deflate-min-bytes=" + opts.get("deflate-min-bytes"));
                }
                servers.add(new BenchProcess(name + "-node" + i, cmd, dir.resolve("node.log")));
            }
            List<Integer> ports = new ArrayList<>();
            for (BenchProcess server : servers) {
                ports.add(Integer.parseInt(server.await("READY", 180).split(" ")[1]));
            }
            return measure(name, servers, ports, viewers, true);
        } finally {
            servers.forEach(BenchProcess::close);
        }
    }

    private Phase wsBaseline(int viewers) throws Exception {
        Path modules = Path.of(opts.getOrDefault("ws-modules", work.resolve("node").toString())).toAbsolutePath();
        Path script = work.resolve("ws-broadcast.js");
        Files.writeString(script, """
                // Minimal baseline: every message a client sends is broadcast to every connected client.
                const { WebSocketServer } = require('ws');
                const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, backlog: 4096, perMessageDeflate: false });
                wss.on('connection', (ws) => {
                  ws.on('message', (data, isBinary) => {
                    for (const client of wss.clients) {
                      if (client.readyState === 1) client.send(data, { binary: isBinary });
                    }
                  });
                });
                wss.on('listening', () => console.log('READY ' + wss.address().port + ' ' + process.pid));
                process.stdin.resume();
                process.stdin.on('end', () => process.exit(0));
                """);
        ProcessBuilder.Redirect ignored = ProcessBuilder.Redirect.DISCARD;
        List<String> cmd = List.of("env", "NODE_PATH=" + modules.resolve("node_modules"), "node",
                "--max-old-space-size=2048", script.toString());
        try (BenchProcess server = new BenchProcess("ws-baseline", cmd, work.resolve("ws-baseline.log"))) {
            int port = Integer.parseInt(server.await("READY", 60).split(" ")[1]);
            return measure("ws-baseline-1-process", List.of(server), List.of(port), viewers, false);
        }
    }

    private Phase measure(String name, List<BenchProcess> servers, List<Integer> ports, int viewers, boolean blossom)
            throws Exception {
        warmUp(name, ports, servers, blossom);
        long rss0 = settledRss(servers, blossom);
        int swarmCount = Math.max(1, (viewers + PER_SWARM - 1) / PER_SWARM);
        swarmCount = Math.max(swarmCount, ports.size() > 1 ? ports.size() : 1);
        List<BenchProcess> swarms = new ArrayList<>();
        try {
            int left = viewers;
            for (int j = 0; j < swarmCount; j++) {
                int n = left / (swarmCount - j);
                left -= n;
                // One node per swarm: spread over all six nodes, each node's tick woke every
                // swarm's reader (32,000 frames a second instead of 40,000-47,000; p99 6.6 s).
                String target = String.valueOf(ports.get(j % ports.size()));
                // The swarms run at the servers' priority: niced, they read each batch only once
                // the servers idle, which measured as 100 ms more p99 (and fewer connects/s).
                // No leak detection in the load generator: Netty's default samples one buffer in
                // 128 with a stack trace each, which a profile showed in the swarm's every batch read.
                // One compiler tier: tiered, the swarm's C2 recompiled its connect path during the
                // timed connect, however long it warmed (16 % of the machine in a profile); C2
                // alone compiles each method once, in the warm-up.
                // One event loop per swarm by default: on loopback a node's send wakes a sleeping
                // reader, a cost it would not carry over a real network, and two loops sleep more
                // (node 29.5 instead of 19.6 CPU-seconds on the same frames at 10,000 viewers).
                List<String> cmd = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g", "-XX:+UseSerialGC",
                        "-XX:-TieredCompilation", "-Dio.netty.leakDetection.level=disabled"));
                if (!SWARM_OPTS.isEmpty()) {
                    cmd.addAll(List.of(SWARM_OPTS.replace("{name}", name + "-swarm" + j).split("\\s+")));
                }
                cmd.addAll(List.of("-cp", classpath,
                        ViewerSwarm.class.getName(), HOST, target, "big-room", String.valueOf(n),
                        "127.0." + (10 + j) + ".", "1", "16", "10", String.valueOf(blossom), swarmLoops));
                swarms.add(new BenchProcess(name + "-swarm" + j, cmd, work.resolve(name + "-swarm" + j + ".log")));
            }
            for (BenchProcess swarm : swarms) {
                swarm.await("WARMED", 300);
            }
            double connectCpu0 = serverCpuSeconds(servers);
            double swarmConnectCpu0 = swarmCpuSeconds(swarms);
            for (BenchProcess swarm : swarms) {
                swarm.tell("connect");
            }
            long joined = 0;
            long failed = 0;
            double worstMs = 1;
            for (BenchProcess swarm : swarms) {
                String[] c = swarm.await("CONNECTED", 300).split(" ");
                joined += Long.parseLong(c[1]);
                failed += Long.parseLong(c[2]);
                worstMs = Math.max(worstMs, Double.parseDouble(c[3]));
            }
            double connectsPerSecond = joined / (worstMs / 1000.0);
            // Server CPU per thousand connects while the swarms connect.
            double connectCpuMs = (serverCpuSeconds(servers) - connectCpu0) * 1000 / Math.max(1, joined / 1000.0);
            double swarmConnectCpuMs = (swarmCpuSeconds(swarms) - swarmConnectCpu0) * 1000 / Math.max(1, joined / 1000.0);
            long rss1 = settledRss(servers, blossom);
            double kbPerConn = joined == 0 ? 0 : (rss1 - rss0) / 1024.0 / joined;
            try (SenderPool senders = new SenderPool(HOST, ports, "big-room", SENDERS, blossom, SECRET)) {
                senders.start(rate);
                CompilerSettle.underTraffic(name, servers, swarms);
                for (BenchProcess swarm : swarms) {
                    swarm.tell("start");
                }
                senders.measure(true);
                double cpu0 = serverCpuSeconds(servers);
                double swarmCpu0 = swarmCpuSeconds(swarms);
                long acks0 = senders.acks();
                long errors0 = senders.errors();
                double[] machine0 = ProcStat.machineIdleAndSteal();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                double cpu1 = serverCpuSeconds(servers);
                double[] machine1 = ProcStat.machineIdleAndSteal();
                double swarmCpu = swarmCpuSeconds(swarms) - swarmCpu0;
                double wall = (System.nanoTime() - t0) / 1e9;
                long frames = 0;
                long deliveries = 0;
                long gaps = 0;
                long dups = 0;
                long missed = 0;
                Histogram merged = new Histogram(60_000_000L, 3);
                for (BenchProcess swarm : swarms) {
                    swarm.tell("stop");
                }
                for (BenchProcess swarm : swarms) {
                    Map<String, String> stats = new HashMap<>();
                    for (String kv : swarm.await("STATS", 60).substring(6).split(" ")) {
                        int eq = kv.indexOf('=');
                        stats.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    frames += Long.parseLong(stats.get("frames"));
                    deliveries += Long.parseLong(stats.get("deliveries"));
                    gaps += Long.parseLong(stats.get("gaps"));
                    dups += Long.parseLong(stats.get("dups"));
                    missed += Long.parseLong(stats.get("missed"));
                    merged.add(Histogram.decodeFromCompressedByteBuffer(
                            ByteBuffer.wrap(Base64.getDecoder().decode(stats.get("histogram"))), 0));
                }
                senders.stop();
                Histogram acks = senders.ackLatency();
                return new Phase(name, servers.size(), joined, failed, connectsPerSecond, kbPerConn, frames, deliveries,
                        gaps, dups, missed, merged.getValueAtPercentile(50) / 1000.0,
                        merged.getValueAtPercentile(99) / 1000.0, merged.getMaxValue() / 1000.0, cpu1 - cpu0, wall,
                        blossom ? (senders.acks() - acks0) / wall : rate, senders.errors() - errors0, connectCpuMs,
                        acks.getValueAtPercentile(50) / 1000.0, acks.getValueAtPercentile(99) / 1000.0,
                        blossom ? appendP99Ms(ports) : 0, swarmCpu, swarmConnectCpuMs,
                        machine1[0] - machine0[0], machine1[1] - machine0[1]);
            }
        } finally {
            for (BenchProcess swarm : swarms) {
                try {
                    swarm.tell("quit");
                } catch (IOException ignored) {
                    // already gone
                }
                swarm.close();
            }
        }
    }

    /**
     * The worst node's p99 of {@code chat.send.append} (a line read off the socket to its place in
     * the ring) from the nodes' Prometheus endpoints: tells server-side waiting from client-side.
     */
    private static double appendP99Ms(List<Integer> ports) {
        double worst = 0;
        HttpClient http = HttpClient.newHttpClient();
        for (int port : ports) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String line : body.split("\n")) {
                    if (line.startsWith("chat_send_append_seconds{") && line.contains("quantile=\"0.99\"")) {
                        worst = Math.max(worst, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a node that does not answer adds nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return worst;
    }

    /**
     * Connects and drops rounds of a few thousand viewers until the servers' JIT compilers have
     * settled (a JVM compiles its hot paths for seconds after they first get hot), so that what
     * is measured is the running server, not its start-up.
     */
    private void warmUp(String name, List<Integer> ports, List<BenchProcess> servers, boolean blossom) throws Exception {
        String all = String.join(",", ports.stream().map(String::valueOf).toList());
        List<String> cmd = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, ViewerSwarm.class.getName(),
                HOST, all, "warm-up", String.valueOf(Math.min(3000 * ports.size(), 15_000)), "127.0.9.", "1", "4", "1000", String.valueOf(blossom));
        List<Long> serverPids = servers.stream().map(BenchProcess::serverPid).toList();
        for (int round = 0; round < (blossom ? 4 : 1); round++) {
            double jit0 = ProcStat.compilerCpuSeconds(serverPids);
            long t0 = System.nanoTime();
            try (BenchProcess warm = new BenchProcess(name + "-warm-up", cmd, work.resolve(name + "-warm-up.log"))) {
                warm.await("WARMED", 300);
                warm.tell("connect");
                warm.await("CONNECTED", 300);
                warm.tell("quit");
            }
            double jit = ProcStat.compilerCpuSeconds(serverPids) - jit0;
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s warm-up round %d: servers' JIT %.1f s in %.1f s%n", name, round + 1, jit, wall);
            if (jit < wall * ports.size() * 0.02) {
                break;
            }
        }
    }

    /**
     * Resident memory of the servers once handshake garbage is gone: for the JVM nodes a full GC
     * first (jcmd), after which the serial collector returns free heap to the system.
     */
    private long settledRss(List<BenchProcess> servers, boolean jvm) throws Exception {
        if (jvm) {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            for (BenchProcess s : servers) {
                new ProcessBuilder(jcmd, String.valueOf(s.serverPid()), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
        Thread.sleep(2000);
        return servers.stream().mapToLong(s -> ProcStat.rssBytes(s.serverPid())).sum();
    }

    /** CPU seconds the servers have used so far. */
    private static double serverCpuSeconds(List<BenchProcess> servers) {
        return servers.stream().mapToDouble(s -> ProcStat.cpuSeconds(s.serverPid())).sum();
    }

    /** CPU seconds the viewer swarms have used so far. */
    private static double swarmCpuSeconds(List<BenchProcess> swarms) {
        return swarms.stream().mapToDouble(s -> ProcStat.cpuSeconds(s.pid())).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

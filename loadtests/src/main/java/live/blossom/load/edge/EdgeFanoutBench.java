package live.blossom.load.edge;

import io.netty.channel.EventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.rtmp.Transport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * edge-fanout: one ~1 Mbps publisher (2 s GOP), N viewers. Baseline first: nginx with
 * libnginx-mod-rtmp relaying to N RTMP players; then Blossom with N RTMP players and N
 * HTTP-FLV players. Prints a summary and, last, the RESULT line.
 */
public final class EdgeFanoutBench {

    private static final Logger log = LoggerFactory.getLogger(EdgeFanoutBench.class);

    record Phase(String name, int viewers, double cpuPerViewerMs, double kbPerViewer, long ttffP99, double latencyP99Ms,
            long stalls, long tsErrors, long failed, long started, double mbpsPerViewer, long readyP99, long ttffP50,
            double swarmCpuPerViewerMs) {
        String line() {
            return String.format(Locale.ROOT,
                    "%-16s viewers=%d started=%d failed=%d cpu_ms_per_viewer_s=%.4f kb_per_viewer=%.1f ttff_p99_ms=%d "
                            + "latency_p99_ms=%.1f stalls=%d ts_errors=%d mbps_per_viewer=%.2f ready_p99_ms=%d ttff_p50_ms=%d "
                            + "swarm_cpu_ms_per_viewer_s=%.4f",
                    name, viewers, started, failed, cpuPerViewerMs, kbPerViewer, ttffP99, latencyP99Ms, stalls, tsErrors,
                    mbpsPerViewer, readyP99, ttffP50, swarmCpuPerViewerMs);
        }
    }

    private EdgeFanoutBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int viewers = Integer.parseInt(opt.getOrDefault("viewers", "2000"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "20"));
        int rate = Integer.parseInt(opt.getOrDefault("ramp", "250"));
        Path work = Path.of(opt.getOrDefault("work", "target/edge-bench"));
        String classpath = opt.get("classpath");
        Files.createDirectories(work);
        List<BenchRecording.Tag> recording = BenchRecording.load(work.resolve("bench-1mbps-gop2s.flv"), 10);
        System.out.printf(Locale.ROOT, "edge-fanout: %d viewers, %d s measured per phase, recording of %d tags%n",
                viewers, seconds, recording.size());

        // Epoll where it loads (as the server): the swarm must cost the machine as little as it can.
        // One loop per core: four on two cores measured 50-100 ms more setup and latency at p99
        // (more threads waiting for a core), for no more reading capacity.
        EventLoopGroup swarmLoops = Transport.loops(Runtime.getRuntime().availableProcessors());
        EventLoopGroup publisherLoop = Transport.loops(1);
        try {
            // Baseline: nginx-rtmp.
            Nginx nginx = Nginx.start(work.resolve("nginx"), 19350);
            Phase base;
            try {
                base = phase("nginx-rtmp", ViewerSwarm.Kind.RTMP, viewers, rate, seconds, nginx.port(), 0,
                        List.of(nginx.pid()), publisherLoop, swarmLoops, recording);
            } finally {
                nginx.stop();
            }
            System.out.println(base.line());

            // Blossom, its own JVM.
            Phase rtmp;
            Phase flv;
            try (BenchServer server = BenchServer.start(classpath, work, "blossom-server", List.of())) {
                // A fresh JVM runs its first viewers interpreted: warm both paths up on unmeasured
                // viewers, so that time to first frame is the running server's, not its start-up's.
                int warm = Math.min(viewers, 1000);
                for (ViewerSwarm.Kind kind : ViewerSwarm.Kind.values()) {
                    Phase w = phase("warm-up-" + kind.name().toLowerCase(Locale.ROOT), kind, warm, rate * 2, 3,
                            server.rtmpPort, server.httpPort, server.pids(), publisherLoop, swarmLoops, recording);
                    System.out.println(w.line() + " (not measured)");
                }
                rtmp = phase("blossom-rtmp", ViewerSwarm.Kind.RTMP, viewers, rate, seconds, server.rtmpPort,
                        server.httpPort, server.pids(), publisherLoop, swarmLoops, recording);
                System.out.println(rtmp.line());
                flv = phase("blossom-http-flv", ViewerSwarm.Kind.HTTP_FLV, viewers, rate, seconds, server.rtmpPort,
                        server.httpPort, server.pids(), publisherLoop, swarmLoops, recording);
                System.out.println(flv.line());
            }
            // Optional: the latency-for-CPU trade-off of merged writes (not in the RESULT line).
            String merged = opt.get("merged-window");
            if (merged != null) {
                try (BenchServer server = BenchServer.start(classpath, work, "blossom-merged-server",
                        List.of("-Dmerge.window=" + merged, "-Dvideo.ends.batch=false"))) {
                    phase("warm-up-merged", ViewerSwarm.Kind.RTMP, Math.min(viewers, 1000), rate * 2, 3, server.rtmpPort,
                            server.httpPort, server.pids(), publisherLoop, swarmLoops, recording);
                    Phase m = phase("blossom-rtmp-merged-" + merged, ViewerSwarm.Kind.RTMP, viewers, rate, seconds,
                            server.rtmpPort, server.httpPort, server.pids(), publisherLoop, swarmLoops, recording);
                    System.out.println(m.line());
                    System.out.printf(Locale.ROOT, "cpu per viewer: blossom rtmp with %s merged writes / nginx = %.2f%n",
                            merged, m.cpuPerViewerMs() / Math.max(1e-9, base.cpuPerViewerMs()));
                }
            }

            double ratio = rtmp.cpuPerViewerMs() / Math.max(1e-9, base.cpuPerViewerMs());
            System.out.printf(Locale.ROOT, "cpu per viewer: blossom rtmp / nginx = %.2f, blossom http-flv / nginx = %.2f%n",
                    ratio, flv.cpuPerViewerMs() / Math.max(1e-9, base.cpuPerViewerMs()));
            System.out.printf(Locale.ROOT,
                    "RESULT edge-fanout viewers=%d cpu_per_viewer_ratio=%.2f kb_per_viewer=%.1f ttff_p99_ms=%d "
                            + "added_latency_p99_ms=%.1f stalls=%d%n",
                    viewers, ratio, Math.max(rtmp.kbPerViewer(), flv.kbPerViewer()),
                    Math.max(rtmp.ttffP99(), flv.ttffP99()), Math.max(rtmp.latencyP99Ms(), flv.latencyP99Ms()),
                    rtmp.stalls() + flv.stalls());
        } finally {
            swarmLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            publisherLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static Phase phase(String name, ViewerSwarm.Kind kind, int n, int rate, int seconds, int rtmpPort, int httpPort,
            List<Long> serverPids, EventLoopGroup publisherLoop, EventLoopGroup swarmLoops,
            List<BenchRecording.Tag> recording) throws Exception {
        String stream = "bench";
        BenchPublisher publisher = new BenchPublisher(publisherLoop, rtmpPort, stream, recording);
        publisher.start();
        TimeUnit.SECONDS.sleep(3); // the stream is live, with a GOP cached where the server caches one
        System.gc();
        List<Long> pids = serverPids.stream().flatMap(p -> ProcessStats.tree(p).stream()).toList();
        long rssBefore = ProcessStats.rssKb(pids);
        ViewerSwarm swarm = new ViewerSwarm(swarmLoops);
        swarm.connect(kind, n, rate, rtmpPort, httpPort, stream);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (swarm.started() + swarm.failed.get() < n && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        TimeUnit.SECONDS.sleep(3); // settle
        swarm.measure(true);
        // The swarm and the publisher are this process: what they cost is CPU the server could not use.
        List<Long> self = List.of(ProcessHandle.current().pid());
        double cpu0 = ProcessStats.cpuSeconds(pids);
        double swarmCpu0 = ProcessStats.cpuSeconds(self);
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        double cpu1 = ProcessStats.cpuSeconds(pids);
        double swarmCpu1 = ProcessStats.cpuSeconds(self);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        swarm.measure(false);
        long rssAfter = ProcessStats.rssKb(pids);
        Histogram ttff = swarm.ttffMs.getIntervalHistogram();
        Histogram latency = swarm.latencyMicros.getIntervalHistogram();
        long started = swarm.started();
        log.info("{} slowest starts:{}", name, swarm.slowestStarts(30));
        Phase result = new Phase(name, n, (cpu1 - cpu0) * 1000 / elapsed / n, (rssAfter - rssBefore) / (double) n,
                ttff.getValueAtPercentile(99), latency.getValueAtPercentile(99) / 1000.0, swarm.stalls.get(),
                swarm.timestampErrors.get(), swarm.failed.get(), started, swarm.bytes.sum() * 8 / 1e6 / elapsed / n,
                swarm.readyMs.getIntervalHistogram().getValueAtPercentile(99), ttff.getValueAtPercentile(50),
                (swarmCpu1 - swarmCpu0) * 1000 / elapsed / n);
        swarm.closeAll();
        publisher.stop();
        TimeUnit.SECONDS.sleep(2);
        return result;
    }
}

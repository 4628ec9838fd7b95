package live.blossom.load.edge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Blossom edge in its own JVM ({@link EdgeBenchServer}), stopped by closing its input. */
final class BenchServer implements AutoCloseable {

    final int rtmpPort;
    final int httpPort;
    private final Process process;

    private BenchServer(Process process, int rtmpPort, int httpPort) {
        this.process = process;
        this.rtmpPort = rtmpPort;
        this.httpPort = httpPort;
    }

    /** Starts the server with extra JVM options and waits for its READY line. */
    static BenchServer start(String classpath, Path work, String name, List<String> jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Dio.netty.leakDetection.level=disabled",
                "-Xlog:gc,safepoint:file=" + work.resolve(name + "-gc.log") + ":uptime"));
        if (System.getenv("BENCH_JFR") != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + work.resolve(name + ".jfr") + ",settings=profile");
        }
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath, EdgeBenchServer.class.getName()));
        Process server = new ProcessBuilder(cmd).redirectError(work.resolve(name + ".log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready;
            do {
                ready = out.readLine();
                if (ready == null) {
                    throw new IllegalStateException("blossom server did not start; see " + work.resolve(name + ".log"));
                }
            } while (!ready.startsWith("READY"));
            // Keep draining the server's console output, or its logging blocks once the pipe is full.
            Path serverOut = work.resolve(name + ".out");
            Thread drain = new Thread(() -> {
                try (var w = Files.newBufferedWriter(serverOut)) {
                    for (String line; (line = out.readLine()) != null; ) {
                        w.write(line);
                        w.newLine();
                    }
                } catch (IOException e) {
                    // server gone
                }
            }, name + "-output");
            drain.setDaemon(true);
            drain.start();
            String[] parts = ready.split(" ");
            return new BenchServer(server, Integer.parseInt(parts[1].substring(5)), Integer.parseInt(parts[2].substring(5)));
        } catch (IOException | RuntimeException e) {
            server.destroyForcibly();
            throw e;
        }
    }

    List<Long> pids() {
        return List.of(process.pid());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package live.blossom.load.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child process of the benchmark (node, swarm or baseline server) with line-based control. */
final class BenchProcess implements AutoCloseable {

    final String name;
    final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);

    BenchProcess(String name, List<String> command, Path log) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer copy = Files.newBufferedWriter(log.resolveSibling(name + ".out"))) {
                String line;
                while ((line = out.readLine()) != null) {
                    copy.write(line + "\n");
                    copy.flush();
                    if (line.startsWith("READY") || line.startsWith("CONNECTED") || line.startsWith("STATS")
                            || line.startsWith("STARTED") || line.startsWith("WARMED")) {
                        lines.offer(line);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next control line starting with {@code prefix}, waiting up to {@code seconds}. */
    String await(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (!process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + "); see its log");
            }
        }
        throw new IllegalStateException(name + " did not say " + prefix + " within " + seconds + " s");
    }

    void tell(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    long pid() {
        return process.pid();
    }

    /** The server's own pid: for the Node baseline, started through {@code env}, its child. */
    long serverPid() {
        return process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(pid());
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package live.blossom.load.edge;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** nginx with Debian's RTMP module on loopback, with its own config in a temporary prefix: the baseline relay. */
final class Nginx {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx start(Path prefix, int port) throws Exception {
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("nginx.conf"), """
                load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
                daemon off;
                master_process off;
                worker_processes 1;
                worker_rlimit_nofile 20000;
                error_log %1$s/logs/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 16000; }
                rtmp {
                    server {
                        listen 127.0.0.1:%2$d;
                        chunk_size 4096;
                        application live {
                            live on;
                            record off;
                        }
                    }
                }
                """.formatted(prefix.toAbsolutePath(), port));
        Process p = new ProcessBuilder("nginx", "-p", prefix.toAbsolutePath().toString(), "-c",
                prefix.resolve("nginx.conf").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new Nginx(p, port);
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("nginx did not start; see " + prefix.resolve("logs"));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

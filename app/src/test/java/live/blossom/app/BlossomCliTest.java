package live.blossom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BlossomCliTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = BlossomCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("blossom --help lists the demo and serve commands")
    void help() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "serve");
    }

    @Test
    @DisplayName("serve without a JWT secret stops at once with one line that names the setting")
    void serveNeedsSecret() throws Exception {
        Path config = dir.resolve("blossom.properties");
        java.nio.file.Files.writeString(config, "data.dir=" + dir.resolve("data") + "\nhttp.port=0\njwt.secret=\n");
        Run run = run("serve", "--config", config.toString(), "--roles", "sale");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("blossom: ").contains("jwt.secret").doesNotContain("\n");
    }

    @Test
    @DisplayName("an unknown role is refused with the list of roles")
    void unknownRole() throws Exception {
        Path config = dir.resolve("blossom.properties");
        java.nio.file.Files.writeString(config, "data.dir=" + dir.resolve("data") + "\n");
        Run run = run("serve", "--config", config.toString(), "--roles", "dj");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown role 'dj'");
    }
}

package live.blossom.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlossomConfigTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a key's default applies when nothing sets it")
    void defaults() {
        BlossomConfig config = BlossomConfig.defaults();
        assertThat(config.integer(PlatformKeys.HTTP_PORT)).isEqualTo(8080);
        assertThat(config.duration(PlatformKeys.REDIS_TIMEOUT)).isEqualTo(Duration.ofMillis(300));
        assertThat(config.isSet(PlatformKeys.REDIS_URL)).isFalse();
    }

    @Test
    @DisplayName("the config file overrides defaults and overrides win over the file")
    void layers() throws Exception {
        Path file = dir.resolve("blossom.properties");
        Files.writeString(file, "http.port = 9090\nredis.appendfsync=everysec\n");
        BlossomConfig config = BlossomConfig.load(file);
        assertThat(config.integer(PlatformKeys.HTTP_PORT)).isEqualTo(9090);
        assertThat(config.string(PlatformKeys.REDIS_APPENDFSYNC)).isEqualTo("everysec");
        assertThat(config.with(PlatformKeys.HTTP_PORT, 7000).integer(PlatformKeys.HTTP_PORT)).isEqualTo(7000);
    }

    @Test
    @DisplayName("environment variable names are derived from the key, with conventional exceptions")
    void envNames() {
        assertThat(PlatformKeys.HTTP_PORT.env()).isEqualTo("BLOSSOM_HTTP_PORT");
        assertThat(PlatformKeys.REDIS_TIMEOUT.env()).isEqualTo("BLOSSOM_REDIS_COMMAND_TIMEOUT");
        assertThat(PlatformKeys.REDIS_URL.env()).isEqualTo("REDIS_URL");
    }

    @Test
    @DisplayName("a malformed value names the key, its variable and what is expected")
    void invalidValues() {
        BlossomConfig config = BlossomConfig.defaults().with(PlatformKeys.HTTP_PORT, "eighty");
        assertThatThrownBy(() -> config.integer(PlatformKeys.HTTP_PORT))
                .hasMessage("config http.port (env BLOSSOM_HTTP_PORT) is 'eighty'; expected a whole number");
        BlossomConfig timeout = BlossomConfig.defaults().with(PlatformKeys.REDIS_TIMEOUT, "3 weeks");
        assertThatThrownBy(() -> timeout.duration(PlatformKeys.REDIS_TIMEOUT)).hasMessageContaining("a duration");
        assertThatThrownBy(() -> BlossomConfig.load(dir.resolve("missing.properties")))
                .hasMessageContaining("cannot read config file");
    }

    @Test
    @DisplayName("durations are read in ms, s, m, h and d")
    void durations() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> Durations.parse("10")).isInstanceOf(IllegalArgumentException.class);
    }
}

package live.blossom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    @DisplayName("docs/configuration.md documents every configuration key exactly as the code declares it")
    void documentationIsCurrent() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        assertThat(Files.readString(doc))
                .as("docs/configuration.md is out of date: regenerate it with ./blossom config > docs/configuration.md")
                .isEqualTo(ConfigReference.markdown());
    }
}

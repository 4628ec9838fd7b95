package live.blossom.app;

import java.util.List;
import live.blossom.platform.config.ConfigKey;
import live.blossom.booking.BookingKeys;
import live.blossom.chat.ChatKeys;
import live.blossom.edge.EdgeKeys;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.sale.SaleKeys;

/** The configuration reference: every key of every module, as a Markdown table. */
final class ConfigReference {

    /** Classes that declare keys; loading them registers their keys. */
    static final List<Class<?>> KEY_CLASSES = List.of(PlatformKeys.class, EdgeKeys.class, ChatKeys.class,
            SaleKeys.class, BookingKeys.class);

    private ConfigReference() {
    }

    static String markdown() {
        for (Class<?> keys : KEY_CLASSES) {
            try {
                Class.forName(keys.getName(), true, keys.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
          .append("Blossom reads each key from, in rising precedence: its default, the properties file given\n")
          .append("with `blossom serve --config FILE`, and its environment variable. Durations are written\n")
          .append("`500ms`, `30s`, `10m`, `2h` or `1d`. This page is the output of `./blossom config`.\n\n")
          .append("| key | environment variable | default | meaning |\n")
          .append("|---|---|---|---|\n");
        for (ConfigKey key : ConfigKey.all()) {
            md.append("| `").append(key.name()).append("` | `").append(key.env()).append("` | ")
              .append(key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`").append(" | ")
              .append(key.description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}

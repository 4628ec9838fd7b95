package live.blossom.platform.config;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One documented configuration key. Keys register themselves when their declaring class loads,
 * so {@link #all()} is the reference that docs/configuration.md is checked against.
 *
 * @param name         dotted name used in config files, e.g. {@code http.port}
 * @param env          environment variable that overrides it, e.g. {@code BLOSSOM_HTTP_PORT}
 * @param defaultValue value when neither file nor environment sets it ("" for none)
 * @param description  what it changes, in one sentence
 */
public record ConfigKey(String name, String env, String defaultValue, String description) {

    private static final Map<String, ConfigKey> REGISTRY = new ConcurrentSkipListMap<>();

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }

    /** Declares a key whose environment variable is {@code BLOSSOM_} + the name in upper case. */
    public static ConfigKey of(String name, String defaultValue, String description) {
        String env = "BLOSSOM_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return register(new ConfigKey(name, env, defaultValue, description));
    }

    /** Declares a key with a conventional environment variable of its own (e.g. {@code REDIS_URL}). */
    public static ConfigKey withEnv(String name, String env, String defaultValue, String description) {
        return register(new ConfigKey(name, env, defaultValue, description));
    }

    private static ConfigKey register(ConfigKey key) {
        ConfigKey before = REGISTRY.putIfAbsent(key.name, key);
        if (before != null && !before.equals(key)) {
            throw new IllegalStateException("config key declared twice: " + key.name);
        }
        return key;
    }

    /** Every key declared by the classes loaded so far, sorted by name. */
    public static Collection<ConfigKey> all() {
        return Collections.unmodifiableCollection(REGISTRY.values());
    }
}

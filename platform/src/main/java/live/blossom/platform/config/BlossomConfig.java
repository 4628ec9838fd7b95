package live.blossom.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration with three layers: a key's default, then a properties file, then the environment.
 * Explicit overrides (from the command line or a test) win over all three.
 */
public final class BlossomConfig {

    private final Map<String, String> file;
    private final Map<String, String> env;
    private final Map<String, String> overrides;

    private BlossomConfig(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
        this.file = Map.copyOf(file);
        this.env = Map.copyOf(env);
        this.overrides = Map.copyOf(overrides);
    }

    /** Defaults only: what tests start from. */
    public static BlossomConfig defaults() {
        return new BlossomConfig(Map.of(), Map.of(), Map.of());
    }

    /** Defaults, then the given file if not null, then the process environment. */
    public static BlossomConfig load(Path file) {
        return new BlossomConfig(readFile(file), System.getenv(), Map.of());
    }

    private static Map<String, String> readFile(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name).trim()));
        return values;
    }

    /** A copy with one more override. */
    public BlossomConfig with(ConfigKey key, Object value) {
        Map<String, String> next = new HashMap<>(overrides);
        next.put(key.name(), String.valueOf(value));
        return new BlossomConfig(file, env, next);
    }

    public String string(ConfigKey key) {
        String value = overrides.get(key.name());
        if (value == null) {
            value = env.get(key.env());
        }
        if (value == null) {
            value = file.get(key.name());
        }
        return value == null ? key.defaultValue() : value;
    }

    public boolean isSet(ConfigKey key) {
        return !string(key).isBlank();
    }

    public int integer(ConfigKey key) {
        String value = string(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
    }

    public long longValue(ConfigKey key) {
        String value = string(key);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
    }

    public boolean bool(ConfigKey key) {
        String value = string(key).trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, value, "true or false");
    }

    /** Durations are written as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 1d}. */
    public Duration duration(ConfigKey key) {
        String value = string(key).trim();
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "a duration such as 500ms, 30s, 10m");
        }
    }

    private static IllegalArgumentException invalid(ConfigKey key, String value, String expected) {
        return new IllegalArgumentException("config " + key.name() + " (env " + key.env() + ") is '" + value
                + "'; expected " + expected);
    }
}

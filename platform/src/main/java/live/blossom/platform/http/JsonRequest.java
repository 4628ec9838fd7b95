package live.blossom.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a JSON object body and its fields with the checks every endpoint needs: malformed
 * JSON, wrong types, missing fields and out-of-range values each become a 400 that names the field.
 */
public final class JsonRequest {

    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    /** The request's body as a JSON object; 400 if it is absent, not JSON or not an object. */
    public static JsonRequest of(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            throw ApiException.badRequest("missing_body", "Send a JSON object as the request body.");
        }
        JsonObject object;
        try {
            object = new JsonObject(buffer);
        } catch (DecodeException | ClassCastException e) {
            // Either not JSON at all or JSON that is not an object (an array, a number...).
            throw ApiException.badRequest("malformed_json", "The request body must be a JSON object.");
        }
        return new JsonRequest(object);
    }

    public static JsonRequest of(JsonObject body) {
        return new JsonRequest(body);
    }

    public JsonObject json() {
        return body;
    }

    public boolean has(String field) {
        return body.containsKey(field) && body.getValue(field) != null;
    }

    public String text(String field, int maxLength) {
        if (!has(field)) {
            throw missing(field);
        }
        return checkedText(field, maxLength);
    }

    public String text(String field, int maxLength, String fallback) {
        return has(field) ? checkedText(field, maxLength) : fallback;
    }

    private String checkedText(String field, int maxLength) {
        if (!(body.getValue(field) instanceof String s)) {
            throw wrongType(field, "a string");
        }
        String value = s.strip();
        if (value.isEmpty()) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "' must not be empty.");
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest("invalid_field",
                    "Field '" + field + "' is longer than " + maxLength + " characters.");
        }
        return value;
    }

    public long number(String field, long min, long max) {
        if (!has(field)) {
            throw missing(field);
        }
        return checkedNumber(field, min, max);
    }

    public long number(String field, long min, long max, long fallback) {
        return has(field) ? checkedNumber(field, min, max) : fallback;
    }

    private long checkedNumber(String field, long min, long max) {
        Object raw = body.getValue(field);
        if (!(raw instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw wrongType(field, "a whole number");
        }
        long value = n.longValue();
        if (value < min || value > max) {
            throw ApiException.badRequest("invalid_field",
                    "Field '" + field + "' must be between " + min + " and " + max + ".");
        }
        return value;
    }

    public boolean flag(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        if (!(body.getValue(field) instanceof Boolean b)) {
            throw wrongType(field, "true or false");
        }
        return b;
    }

    private static ApiException missing(String field) {
        return ApiException.badRequest("missing_field", "Field '" + field + "' is required.");
    }

    private static ApiException wrongType(String field, String expected) {
        return ApiException.badRequest("invalid_field", "Field '" + field + "' must be " + expected + ".");
    }
}

package dev.faultline.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The body of a resolve: {@code {"resolved_by": "name"}} (a group's may add
 * {@code "in_release": "2.0.0"} or {@code "in_next_release": true}), or empty; of a merge,
 * {@code {"into": "fingerprint", "merged_by": "name"}}. Read with jackson-core's
 * streaming parser; a field of none of these bodies is refused, as an unknown query parameter
 * is ({@code {"resolvedby": "x"}} resolved with no name in a user's trial, and answered 200), and a
 * field of another type than asked for is refused.
 */
final class ResolveBody {
    static final int MAX_NAME = 200;
    /** The fields of a resolve's and a merge's bodies. */
    private static final java.util.Set<String> FIELDS = new java.util.HashSet<String>(
            java.util.Arrays.asList("resolved_by", "in_release", "in_next_release", "into", "merged_by"));
    private static final JsonFactory FACTORY = new JsonFactory();

    private ResolveBody() {
    }

    /** The name, or null when the body does not give one. */
    static String resolvedBy(byte[] body) throws HttpError {
        return text(body, "resolved_by");
    }

    /** The string {@code field} of the body (trimmed, at most {@link #MAX_NAME} characters), or null when absent or empty. */
    static String text(byte[] body, String field) throws HttpError {
        Object value = field(body, field);
        if (value instanceof Boolean) {
            throw new HttpError(400, "Invalid " + field + " parameter");
        }
        String name = (String) value;
        if (name != null && (name.length() > MAX_NAME || name.indexOf('\0') >= 0)) {
            throw new HttpError(400, "Invalid " + field + " parameter");
        }
        return name == null || name.isEmpty() ? null : name;
    }

    /** The boolean {@code field} of the body; false when absent or null. */
    static boolean flag(byte[] body, String field) throws HttpError {
        Object value = field(body, field);
        if (value instanceof String) {
            throw new HttpError(400, "Invalid " + field + " parameter");
        }
        return Boolean.TRUE.equals(value);
    }

    /** The string (trimmed) or boolean {@code field} of the body, or null. */
    private static Object field(byte[] body, String field) throws HttpError {
        if (body.length == 0) {
            return null;
        }
        Object name = null;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "Invalid request body");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String given = p.currentName();
                if (!FIELDS.contains(given)) {
                    throw new HttpError(400, "Unknown parameter " + (given.length() > 64 ? given.substring(0, 64) + "..." : given));
                }
                JsonToken value = p.nextToken();
                if (given.equals(field)) {
                    if (value == JsonToken.VALUE_STRING) {
                        name = p.getText().trim();
                    } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                        name = value == JsonToken.VALUE_TRUE;
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw new HttpError(400, "Invalid " + field + " parameter");
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new HttpError(400, "Invalid request body");
            }
        } catch (IOException e) {
            throw new HttpError(400, "Invalid request body");
        }
        return name;
    }
}

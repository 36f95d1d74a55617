package dev.faultline.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.faultline.query.InvalidParameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body that is one JSON object of strings, whole numbers and lists of strings: a new
 * alert rule ({@code {"kind":"threshold","channels":["slack"],"threshold":100}}), a snooze
 * ({@code {"for":"2h"}}). Which fields are allowed and what they mean is the caller's to say;
 * anything else is a 400.
 */
final class FlatJsonBody {
    private static final JsonFactory FACTORY = new JsonFactory();

    private FlatJsonBody() {
    }

    static Map<String, Object> fields(byte[] body) throws HttpError {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "Invalid request body");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                fields.put(field, value(p, p.nextToken(), field));
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new HttpError(400, "Invalid request body");
            }
        } catch (IOException e) {
            throw new HttpError(400, "Invalid request body");
        }
        return fields;
    }

    private static Object value(JsonParser p, JsonToken token, String field) throws IOException, HttpError {
        switch (token) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NULL:
                return null;
            case START_ARRAY:
                List<String> items = new ArrayList<>();
                for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    if (item != JsonToken.VALUE_STRING) {
                        throw new InvalidParameter(field, "a string, a whole number or a list of strings");
                    }
                    items.add(p.getText());
                }
                return items;
            default:
                throw new InvalidParameter(field, "a string, a whole number or a list of strings");
        }
    }
}

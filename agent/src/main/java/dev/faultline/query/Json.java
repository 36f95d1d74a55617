package dev.faultline.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Documents as plain JSON for people and scripts (CLI {@code --json}, the HTTP API): dates as
 * ISO-8601 UTC strings, ObjectIds as hex, no MongoDB Extended JSON wrappers. Written with the
 * agent's own (relocated) jackson-core generator, which escapes every string.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new ControlEscapes());
    /** Deeper than any document we store; a guard against a self-referencing map. */
    private static final int MAX_DEPTH = 200;

    private Json() {
    }

    /**
     * The C1 controls (U+0080 to U+009F) and the line and paragraph separators escaped as well as
     * the C0 ones: U+009B starts an escape sequence on some terminals, and {@code --json} goes to
     * one (a trial found a stored message's raw U+009B passed through).
     */
    private static final class ControlEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if (ch >= 0x80 && ch <= 0x9F || ch == 0x2028 || ch == 0x2029) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch));
            }
            return null;
        }
    }

    public static String text(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(OutputStream out, Object value) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value, 0);
        }
    }

    /** ISO-8601 UTC with milliseconds, the form used everywhere a date is shown. */
    public static String isoDate(Date date) {
        return DateTimeFormatter.ISO_INSTANT.format(date.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static void write(JsonGenerator g, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("document nested deeper than " + MAX_DEPTH);
        }
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeString(String.valueOf(d));
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Date) {
            g.writeString(isoDate((Date) v));
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (v instanceof Collection) {
            g.writeStartArray();
            for (Object item : (Collection<?>) v) {
                write(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof Object[]) {
            g.writeStartArray();
            for (Object item : (Object[]) v) {
                write(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof ObjectId) {
            g.writeString(((ObjectId) v).toHexString());
        } else if (v instanceof Decimal128) {
            g.writeString(v.toString());
        } else if (v instanceof Binary) {
            g.writeString(java.util.Base64.getEncoder().encodeToString(((Binary) v).getData()));
        } else {
            // Other BSON types (timestamps, symbols, UUIDs) as their text.
            g.writeString(String.valueOf(v));
        }
    }
}

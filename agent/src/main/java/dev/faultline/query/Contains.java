package dev.faultline.query;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * Case-insensitive "contains" as a {@code $regex}: it works on every MongoDB (and on the
 * in-process test server, which has no {@code $text}). The input is matched literally: every
 * ASCII character that is not a letter or digit is escaped, which both PCRE (MongoDB) and
 * java.util.regex read as "this character itself".
 */
final class Contains {
    private Contains() {
    }

    static Bson field(String field, String text) {
        return Filters.regex(field, quote(text), "i");
    }

    /** Matches when any of the fields contains the text. */
    static Bson anyOf(String text, String... fields) {
        List<Bson> alternatives = new ArrayList<>();
        for (String f : fields) {
            alternatives.add(field(f, text));
        }
        return Filters.or(alternatives);
    }

    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c > 127 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!plain && c >= ' ') {
                b.append('\\');
            }
            if (c < ' ') {
                // Control characters (tab, newline) as hex escapes, understood by both engines.
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

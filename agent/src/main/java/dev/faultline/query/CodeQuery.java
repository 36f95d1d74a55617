package dev.faultline.query;

import com.mongodb.client.model.Sorts;
import java.util.Map;
import org.bson.conversions.Bson;

/**
 * The error-code history query (issue 3, item 12): {@code code}, {@code active}, {@code limit}
 * (default 100), newest episode first.
 */
public final class CodeQuery {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public final Bson filter;
    public final Bson sort = Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id"));
    public final int limit;

    private CodeQuery(Bson filter, int limit) {
        this.filter = filter;
        this.limit = limit;
    }

    /** @throws InvalidParameter naming the first parameter that does not parse, or an unknown one */
    public static CodeQuery parse(Map<String, String> parameters) {
        Params p = new Params(parameters);
        Conditions c = new Conditions();
        c.equal("code", p.text("code"));
        // Like every boolean filter here: true = open episodes only, false = ended ones only.
        c.equal("active", p.bool("active"));
        int limit = p.number("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        p.text("format");
        p.rejectUnknown();
        return new CodeQuery(c.build(), limit);
    }
}

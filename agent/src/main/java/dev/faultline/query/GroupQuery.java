package dev.faultline.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.conversions.Bson;

/** The {@code error_groups} list query: {@code status}, {@code app}, {@code search}, {@code ordering}, paging. */
public final class GroupQuery extends ListQuery {
    public static final String UNRESOLVED = "unresolved";
    public static final String RESOLVED = "resolved";
    public static final String IGNORED = "ignored";
    static final Map<String, String> ORDERING = new LinkedHashMap<>();

    static {
        ORDERING.put("last_seen", "last_seen");
        ORDERING.put("count", "count");
        ORDERING.put("first_seen", "first_seen");
    }

    private GroupQuery(Bson filter, Bson sort, PageRequest page) {
        super(filter, sort, page);
    }

    /** @throws InvalidParameter naming the first parameter that does not parse, or an unknown one */
    public static GroupQuery parse(Map<String, String> parameters) {
        Params p = new Params(parameters);
        Conditions c = new Conditions();
        c.equal("status", status(p.text("status")));
        c.equal("app", p.text("app"));
        // A group merged into another is shown through its target (GROUPING.md, Merging groups).
        c.add(com.mongodb.client.model.Filters.eq(Groups.MERGED_INTO, null));
        String search = p.text("search");
        if (search != null) {
            c.add(Contains.anyOf(search, "title", "exception_type", "app", "file", "function"));
        }
        Bson sort = Ordering.parse("ordering", p.text("ordering"), "-last_seen", ORDERING);
        PageRequest page = PageRequest.parse(p);
        p.text("format");
        p.rejectUnknown();
        return new GroupQuery(c.build(), sort, page);
    }

    private static String status(String value) {
        if (value == null || value.equals(UNRESOLVED) || value.equals(RESOLVED) || value.equals(IGNORED)) {
            return value;
        }
        throw new InvalidParameter("status", "unresolved, resolved or ignored");
    }
}

package dev.faultline.query;

import dev.faultline.capture.ContextReader;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.conversions.Bson;

/**
 * The {@code app_errors} list query of DESIGN.md section 1, parsed from request parameters: the
 * Django API's filters, {@code search}, {@code ordering} and paging. Shared by the CLI and HTTP.
 */
public final class ErrorQuery extends ListQuery {
    /** Ordering names and the stored fields they sort on. */
    static final Map<String, String> ORDERING = new LinkedHashMap<>();

    static {
        ORDERING.put("timestamp", "timestamp");
        ORDERING.put("severity", "severity_num");
        ORDERING.put("app", "app");
        ORDERING.put("resolved", "resolved");
    }

    /** Fields matched exactly by the parameter of the same name (DESIGN.md section 7). */
    static final String[] EXACT = {"service", "environment", "release", "host", "thread", "logger", "trace_id"};
    /** {@code context.<key>=value}: one context entry. */
    static final String CONTEXT = "context.";

    private ErrorQuery(Bson filter, Bson sort, PageRequest page) {
        super(filter, sort, page);
    }

    /** @throws InvalidParameter naming the first parameter that does not parse, or an unknown one */
    public static ErrorQuery parse(Map<String, String> parameters) {
        return parse(parameters, Instant.now());
    }

    static ErrorQuery parse(Map<String, String> parameters, Instant now) {
        Params p = new Params(parameters);
        Conditions c = new Conditions();
        for (String field : new String[] {"app", "file", "function"}) {
            c.equal(field, p.text(field));
            c.contains(field, p.text(field + "__icontains"));
        }
        c.equal("severity_num", p.severity("severity"));
        Integer min = p.severity("severity__gte");
        if (min != null) {
            c.add(Filters.gte("severity_num", min));
        }
        Integer max = p.severity("severity__lte");
        if (max != null) {
            c.add(Filters.lte("severity_num", max));
        }
        c.equal("fingerprint", p.text("fingerprint"));
        for (String field : EXACT) {
            String value = p.text(field);
            // Stored in lower case (W3C trace context); a trace id copied from a tool that shows it in upper case still matches.
            c.equal(field, value != null && field.equals("trace_id") ? value.toLowerCase(java.util.Locale.ROOT) : value);
        }
        String type = p.text("exception_type");
        if (type != null) {
            // The thrown exception or any of its causes (a group's exception_type is the root cause).
            c.add(Filters.or(Filters.eq("exception.type", type), Filters.eq("exception.causes.type", type)));
        }
        for (Map.Entry<String, String> e : p.prefixed(CONTEXT).entrySet()) {
            // The key as the agent stored it ('.', '$' and NUL made '_'): never a path or an operator.
            c.equal(CONTEXT + ContextReader.fieldName(e.getKey()), e.getValue());
        }
        c.equal("job_id", p.text("job_id"));
        c.equal("user_id", p.text("user_id"));
        Boolean resolved = p.bool("resolved");
        if (resolved != null) {
            // An occurrence without the field (written by an older agent) counts as unresolved.
            c.add(resolved ? Filters.eq("resolved", true) : Filters.ne("resolved", true));
        }
        Date since = p.time("timestamp__gte", now);
        if (since != null) {
            c.add(Filters.gte("timestamp", since));
        }
        Date until = p.time("timestamp__lte", now);
        if (until != null) {
            c.add(Filters.lte("timestamp", until));
        }
        String search = p.text("search");
        if (search != null) {
            c.add(Contains.anyOf(search, "message", "function", "file", "app"));
        }
        Bson sort = Ordering.parse("ordering", p.text("ordering"), "-timestamp", ORDERING);
        PageRequest page = PageRequest.parse(p);
        p.text("format"); // ?format=json, as the Django REST framework accepts; JSON is all we answer
        p.rejectUnknown();
        return new ErrorQuery(c.build(), sort, page);
    }
}

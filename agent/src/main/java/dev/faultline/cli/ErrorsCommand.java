package dev.faultline.cli;

import dev.faultline.query.ErrorQuery;
import dev.faultline.query.Groups;
import dev.faultline.query.Occurrences;
import dev.faultline.query.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** {@code errors}: the occurrence list with every filter of the API as an option. */
final class ErrorsCommand extends ListCommand {
    /** Option to API parameter, in the order the usage line shows them. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--app", "app");
        OPTIONS.put("--app-contains", "app__icontains");
        OPTIONS.put("--file", "file");
        OPTIONS.put("--file-contains", "file__icontains");
        OPTIONS.put("--function", "function");
        OPTIONS.put("--function-contains", "function__icontains");
        OPTIONS.put("--severity", "severity");
        OPTIONS.put("--min-severity", "severity__gte");
        OPTIONS.put("--max-severity", "severity__lte");
        OPTIONS.put("--fingerprint", "fingerprint");
        OPTIONS.put("--service", "service");
        OPTIONS.put("--environment", "environment");
        OPTIONS.put("--release", "release");
        OPTIONS.put("--host", "host");
        OPTIONS.put("--thread", "thread");
        OPTIONS.put("--logger", "logger");
        OPTIONS.put("--exception-type", "exception_type");
        OPTIONS.put("--trace-id", "trace_id");
        OPTIONS.put("--job", "job_id");
        OPTIONS.put("--user", "user_id");
        OPTIONS.put("--resolved", "resolved");
        OPTIONS.put("--since", "timestamp__gte");
        OPTIONS.put("--until", "timestamp__lte");
        OPTIONS.put("--search", "search");
        OPTIONS.put("--order", "ordering");
        OPTIONS.put("--limit", "page_size");
        OPTIONS.put("--page", "page");
    }

    ErrorsCommand() {
        super("errors", "errors [--app A] [--app-contains T] [--file F] [--file-contains T] [--function M] [--function-contains T]"
                + " [--severity S] [--min-severity S] [--max-severity S] [--fingerprint FP] [--service S] [--environment E] [--release R]"
                + " [--host H] [--thread T] [--logger L] [--exception-type CLASS] [--trace-id ID] [--context KEY=VALUE]"
                + " [--job ID] [--user ID] [--resolved true|false]"
                + " [--since 2h|DATE] [--until DATE] [--search TEXT] [--order -timestamp] [--limit 50] [--page 1] [--count] [--json]",
                "list recorded occurrences, newest first", OPTIONS);
    }

    @Override
    Args.Spec spec() {
        return super.spec().flags("--count").options("--context");
    }

    /** The API's parameters for these options: each option's, and {@code --context K=V} as {@code context.K}. */
    Map<String, String> apiParameters(Args args) throws UsageException {
        Map<String, String> parameters = parameters(args);
        String context = args.option("--context");
        if (context != null) {
            int eq = context.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--context takes KEY=VALUE (one context entry), not \"" + context + "\"");
            }
            parameters.put("context." + context.substring(0, eq), context.substring(eq + 1));
        }
        return parameters;
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        Map<String, String> parameters = apiParameters(args);
        String fingerprint = parameters.get("fingerprint");
        if (fingerprint != null) {
            // A unique beginning, as the group commands take it (groups shows 12 characters); as typed when no group has it.
            String whole = Ids.one(new Groups(s.database()).matchingIds(fingerprint), fingerprint, "group");
            if (whole != null) {
                parameters.put("fingerprint", whole);
            }
        }
        ErrorQuery query = ErrorQuery.parse(parameters);
        Occurrences occurrences = new Occurrences(s.database());
        if (args.flag("--count")) {
            long n = occurrences.count(query);
            if (s.json) {
                s.printJson(new Document("count", n));
            } else {
                s.out.println(n);
            }
            return 0;
        }
        Page page = occurrences.list(query);
        if (s.json) {
            printJson(s, page);
            return 0;
        }
        Table t = new Table("ID", 36, "TIME (UTC)", 19, "SEVERITY", 8, "APP", 24, "WHERE", 48, "RESOLVED", 8, "MESSAGE", 100);
        for (Document d : page.results) {
            t.row(d.get("_id"), d.get("timestamp"), d.get("severity"), d.get("app"), Where.of(d),
                    Boolean.TRUE.equals(d.get("resolved")) ? "yes" : "", d.get("message"));
        }
        Paging.print(s, t, page, "occurrences");
        return 0;
    }
}

package dev.faultline.cli;

import dev.faultline.query.Database;
import dev.faultline.query.Lookup;
import dev.faultline.query.Occurrences;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** {@code error <id>}: one occurrence, whole, with its stack trace, context and request. */
final class ErrorCommand extends ShowCommand {
    ErrorCommand() {
        super("error", "error <id> [--json]", "show one occurrence with its stack trace", "occurrence");
    }

    @Override
    Lookup lookup(Database db) {
        return new Occurrences(db);
    }

    @Override
    void show(Document d, Session s) {
        Fields f = new Fields(s.out);
        f.line("id", d.get("_id"));
        f.line("time (UTC)", d.get("timestamp"));
        f.line("severity", d.get("severity"));
        f.line("app", d.get("app"));
        f.line("where", Where.of(d));
        f.line("class", d.get("class"));
        f.line("logger", d.get("logger"));
        f.line("thread", d.get("thread"));
        f.line("source", d.get("source"));
        f.line("service", d.get("service"));
        f.line("environment", d.get("environment"));
        f.line("release", d.get("release"));
        f.line("host", d.get("host") == null ? null : d.get("host") + " (pid " + d.get("pid") + ")");
        f.line("job_id", d.get("job_id"));
        f.line("user_id", d.get("user_id"));
        f.line("error_code", d.get("error_code"));
        f.line("trace_id", d.get("trace_id"));
        f.line("span_id", d.get("span_id"));
        f.line("fingerprint", d.get("fingerprint"));
        f.line("resolved", Boolean.TRUE.equals(d.get("resolved"))
                ? "yes, by " + d.get("resolved_by") + " at " + Text.cell(d.get("resolved_timestamp"), 30) : "no");
        f.section("message", Text.block(d.get("message")));
        f.breadcrumbs(d.get("breadcrumbs"));
        String trace = Trace.of(d);
        if (trace != null) {
            f.section("stack trace", Text.block(trace));
        }
        f.map("context", d.get("context"));
        f.map("request", d.get("request"));
    }

    /** "name   value" lines, then indented sections. */
    private static final class Fields {
        private final java.io.PrintStream out;

        Fields(java.io.PrintStream out) {
            this.out = out;
        }

        void line(String name, Object value) {
            if (value != null && !String.valueOf(value).isEmpty()) {
                out.printf("%-12s %s%n", name, Text.cell(value, 400));
            }
        }

        void section(String title, String body) {
            out.println();
            out.println(title);
            for (String l : body.replaceAll("\\s+$", "").split("\n", -1)) {
                out.println("  " + l);
            }
        }

        /** The log events before the occurrence, oldest first, one line each. */
        void breadcrumbs(Object value) {
            if (value instanceof List && !((List<?>) value).isEmpty()) {
                out.println();
                out.println("breadcrumbs (oldest first)");
                for (Object o : (List<?>) value) {
                    if (o instanceof Document) {
                        Document c = (Document) o;
                        out.printf("  %s %-7s %s - %s%n", Text.cell(c.get("timestamp"), 19), Text.cell(c.get("severity"), 8),
                                Text.cell(c.get("logger"), 80), Text.cell(c.get("message"), 400));
                    }
                }
            }
        }

        void map(String title, Object value) {
            if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
                out.println();
                out.println(title);
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.println("  " + Text.cell(e.getKey(), 80) + " = " + Text.cell(e.getValue(), 400));
                }
            }
        }
    }
}

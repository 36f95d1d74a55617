package dev.faultline.alert;

import dev.faultline.core.Diag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The rules in effect, read from {@code alert_rules} on the writer thread at most every
 * {@link #REFRESH_NANOS} (a rule added from the CLI takes effect within that); the built-in
 * {@link AlertRule#defaults()} while the collection is empty. A stored document that is not a
 * rule is skipped with a rate-limited warning naming it.
 */
final class Rules {
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private List<AlertRule> current = AlertRule.defaults();
    private long nextRead;
    private boolean read;

    List<AlertRule> current(AlertStore store, long now) {
        if (!read || now - nextRead >= 0) {
            List<Document> stored = store.alertRules();
            List<AlertRule> rules = new ArrayList<AlertRule>(stored.size());
            for (Document d : stored) {
                try {
                    rules.add(AlertRule.of(d));
                } catch (IllegalArgumentException e) {
                    Diag.warnRateLimited("alert-rule", "alert rule " + d.get("_id") + " skipped: " + e.getMessage());
                }
            }
            current = stored.isEmpty() ? AlertRule.defaults() : rules;
            read = true;
            nextRead = now + REFRESH_NANOS;
        }
        return current;
    }
}

package dev.faultline.it;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * What one test class used (the databases its agents wrote to, the stderr of its child JVMs) and
 * the checks made once the class is done: every {@code agent_health} document has
 * {@code advice_errors} 0 and drops nothing for a reason the test did not declare; every JVM that
 * stored occurrences left a report that accounts for them ({@code written + spooled} at least what
 * {@code app_errors} holds from its pid: "nothing is lost without being counted" needs the last
 * report to be there); and no child JVM printed a stack trace through the agent's code.
 * Declarations: {@link ExpectDrops}, {@link ExpectAdviceErrors}, {@link ExpectAgentStackTrace},
 * {@link ExpectIncompleteHealthReport}, on the class or the method.
 */
final class Invariants {
    /** A frame of the agent (its own or its relocated libraries'), or an exception on one of its threads. */
    private static final Pattern AGENT_TRACE = Pattern.compile("^\\s+at dev\\.faultline\\.|Exception in thread \"faultline-");
    private static final int SHOWN_LINES = 6;
    /** What becomes of a captured event: the accounting identity's right-hand side (docs/SCHEMA.md). */
    private static final List<String> OUTCOMES = List.of("written", "spooled", "dropped_total", "self", "not_recorded",
            "suppressed_after_capture", "sampled", "queue_depth");

    /** What the checks read from a database: its health reports, and how many occurrences each pid stored. */
    interface Reader {
        List<Document> health(String database);

        Map<Long, Long> storedByPid(String database);
    }

    /** What a test declared it causes on purpose, class and method declarations together. */
    record Allowed(Set<String> drops, boolean adviceErrors, boolean agentStackTrace, boolean incompleteReport) {
        static final Allowed NOTHING = new Allowed(Set.of(), false, false, false);

        static Allowed on(AnnotatedElement... places) {
            Set<String> drops = new TreeSet<>();
            boolean advice = false;
            boolean trace = false;
            boolean incomplete = false;
            for (AnnotatedElement place : places) {
                if (place == null) {
                    continue;
                }
                ExpectDrops declared = place.getAnnotation(ExpectDrops.class);
                if (declared != null) {
                    drops.addAll(List.of(declared.value()));
                }
                advice |= place.isAnnotationPresent(ExpectAdviceErrors.class);
                trace |= place.isAnnotationPresent(ExpectAgentStackTrace.class);
                incomplete |= place.isAnnotationPresent(ExpectIncompleteHealthReport.class);
            }
            return new Allowed(Set.copyOf(drops), advice, trace, incomplete);
        }
    }

    private record Database(String name, String test, Allowed allowed) {
    }

    private record Run(String mainClass, String stderr, String test, Allowed allowed) {
    }

    private final List<Database> databases = new CopyOnWriteArrayList<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private String checked = "nothing yet";

    /** {@code test}: where it was used, for the failure message. */
    void usedDatabase(String name, String test, Allowed allowed) {
        databases.add(new Database(name, test, allowed));
    }

    void ranJvm(String mainClass, String stderr, String test, Allowed allowed) {
        runs.add(new Run(mainClass, stderr, test, allowed));
    }

    /** Every broken invariant, one line each; empty when all hold. */
    List<String> violations(Reader reader) {
        List<String> broken = new ArrayList<>();
        int reports = 0;
        for (Database db : databases) {
            List<Document> healths = reader.health(db.name());
            if (!db.allowed().incompleteReport()) {
                broken.addAll(unaccounted(db, healths, reader.storedByPid(db.name())));
            }
            for (Document health : healths) {
                reports++;
                String where = "agent_health in " + db.name() + " (" + db.test() + ")";
                Object adviceErrors = health.get("advice_errors");
                if (!(adviceErrors instanceof Number n)) {
                    broken.add(where + " has no advice_errors count: " + health.toJson());
                } else if (n.longValue() != 0 && !db.allowed().adviceErrors()) {
                    broken.add(where + ": advice_errors " + n + " (declare @ExpectAdviceErrors if on purpose): " + health.toJson());
                }
                if (!db.allowed().incompleteReport()) {
                    String missing = unbalanced(health);
                    if (missing != null) {
                        broken.add(where + ": " + missing + " (declare @ExpectIncompleteHealthReport naming the bug): "
                                + health.toJson());
                    }
                }
                Object dropped = health.get("dropped");
                if (!(dropped instanceof Document byReason)) {
                    broken.add(where + " has no dropped-by-reason document: " + health.toJson());
                    continue;
                }
                Map<String, Object> undeclared = new TreeMap<>();
                byReason.forEach((reason, count) -> {
                    if (!(count instanceof Number c && c.longValue() == 0) && !db.allowed().drops().contains(reason)) {
                        undeclared.put(reason, count);
                    }
                });
                if (!undeclared.isEmpty()) {
                    broken.add(where + ": dropped " + undeclared + ", reasons the test did not declare with @ExpectDrops: "
                            + health.toJson());
                }
            }
        }
        checked = databases.size() + " databases (" + reports + " agent_health documents), " + runs.size() + " child JVMs' stderr";
        for (Run run : runs) {
            List<String> trace = agentStackTrace(run.stderr());
            if (!trace.isEmpty() && !run.allowed().agentStackTrace()) {
                broken.add("child JVM " + run.mainClass() + " (" + run.test() + ") printed an agent stack trace on stderr:\n      "
                        + String.join("\n      ", trace.subList(0, Math.min(SHOWN_LINES, trace.size()))));
            }
        }
        return broken;
    }

    /** Occurrences stored by a JVM whose report is missing or counts fewer writes than it made. */
    private static List<String> unaccounted(Database db, List<Document> healths, Map<Long, Long> storedByPid) {
        List<String> broken = new ArrayList<>();
        storedByPid.forEach((pid, stored) -> {
            // pid alone: every child JVM of the suite runs on this machine.
            Document report = healths.stream().filter(h -> h.get("pid") instanceof Number p && p.longValue() == pid)
                    .findFirst().orElse(null);
            if (report == null) {
                broken.add("app_errors in " + db.name() + " (" + db.test() + ") holds " + stored + " occurrences from pid " + pid
                        + ", which left no agent_health report");
                return;
            }
            long accounted = count(report, "written") + count(report, "spooled");
            if (accounted < stored) {
                broken.add("agent_health in " + db.name() + " (" + db.test() + ") of pid " + pid + " accounts for " + accounted
                        + " written or spooled occurrences, but app_errors holds " + stored
                        + " from it: not the JVM's last report (declare @ExpectIncompleteHealthReport naming the bug): " + report.toJson());
            }
        });
        return broken;
    }

    /**
     * The accounting identity of docs/SCHEMA.md, null when it holds: every captured event is
     * written, spooled, dropped (by reason), the agent's own, not recorded, suppressed after
     * capture, or still waiting.
     */
    static String unbalanced(Document health) {
        long captured = count(health, "captured");
        long outcomes = 0;
        for (String field : OUTCOMES) {
            outcomes += count(health, field);
        }
        return captured == outcomes ? null
                : "captured " + captured + " but " + String.join(" + ", OUTCOMES) + " = " + outcomes;
    }

    private static long count(Document health, String field) {
        return health.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /** What the last {@link #violations} call read, for the test log. */
    String checked() {
        return checked;
    }

    /** The lines of {@code stderr} that are the agent's frames or its threads' exceptions. */
    static List<String> agentStackTrace(String stderr) {
        return stderr.lines().filter(line -> AGENT_TRACE.matcher(line).find()).toList();
    }
}

package dev.faultline.it;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * What one test class used (the databases its agents wrote to, the stderr of its child JVMs) and
 * the checks made once the class is done: every {@code agent_health} document has
 * {@code advice_errors} 0 and drops nothing for a reason the test did not declare, and no child
 * JVM printed a stack trace through the agent's code. Declarations: {@link ExpectDrops},
 * {@link ExpectAdviceErrors}, {@link ExpectAgentStackTrace}, on the class or the method.
 */
final class Invariants {
    /** A frame of the agent (its own or its relocated libraries'), or an exception on one of its threads. */
    private static final Pattern AGENT_TRACE = Pattern.compile("^\\s+at dev\\.faultline\\.|Exception in thread \"faultline-");
    private static final int SHOWN_LINES = 6;

    /** What a test declared it causes on purpose, class and method declarations together. */
    record Allowed(Set<String> drops, boolean adviceErrors, boolean agentStackTrace) {
        static final Allowed NOTHING = new Allowed(Set.of(), false, false);

        static Allowed on(AnnotatedElement... places) {
            Set<String> drops = new TreeSet<>();
            boolean advice = false;
            boolean trace = false;
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
            }
            return new Allowed(Set.copyOf(drops), advice, trace);
        }
    }

    private record Database(String name, String test, Allowed allowed) {
    }

    private record Run(String mainClass, String stderr, String test, Allowed allowed) {
    }

    private final List<Database> databases = new CopyOnWriteArrayList<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();

    /** {@code test}: where it was used, for the failure message. */
    void usedDatabase(String name, String test, Allowed allowed) {
        databases.add(new Database(name, test, allowed));
    }

    void ranJvm(String mainClass, String stderr, String test, Allowed allowed) {
        runs.add(new Run(mainClass, stderr, test, allowed));
    }

    boolean usedAnyDatabase() {
        return !databases.isEmpty();
    }

    /** Every broken invariant, one line each; empty when all hold. */
    List<String> violations(Function<String, List<Document>> healthOf) {
        List<String> broken = new ArrayList<>();
        for (Database db : databases) {
            for (Document health : healthOf.apply(db.name())) {
                String where = "agent_health in " + db.name() + " (" + db.test() + ")";
                Object adviceErrors = health.get("advice_errors");
                if (!(adviceErrors instanceof Number n)) {
                    broken.add(where + " has no advice_errors count: " + health.toJson());
                } else if (n.longValue() != 0 && !db.allowed().adviceErrors()) {
                    broken.add(where + ": advice_errors " + n + " (declare @ExpectAdviceErrors if on purpose): " + health.toJson());
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
        for (Run run : runs) {
            List<String> trace = agentStackTrace(run.stderr());
            if (!trace.isEmpty() && !run.allowed().agentStackTrace()) {
                broken.add("child JVM " + run.mainClass() + " (" + run.test() + ") printed an agent stack trace on stderr:\n      "
                        + String.join("\n      ", trace.subList(0, Math.min(SHOWN_LINES, trace.size()))));
            }
        }
        return broken;
    }

    /** The lines of {@code stderr} that are the agent's frames or its threads' exceptions. */
    static List<String> agentStackTrace(String stderr) {
        return stderr.lines().filter(line -> AGENT_TRACE.matcher(line).find()).toList();
    }
}

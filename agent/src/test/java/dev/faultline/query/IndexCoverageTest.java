package dev.faultline.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.faultline.capture.Identity;
import dev.faultline.codes.Clock;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.codes.Notifier;
import dev.faultline.store.Collections;
import dev.faultline.store.IndexPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * Every query shape the CLI, the API, the console and the writer issue is served by an index the
 * agent creates ({@link IndexPlan}). The in-process test server ignores indexes, so this is
 * checked in code, by the rule of docs/OPERATIONS.md ("Queries and indexes"):
 *
 * <ul>
 *   <li>an index whose keys are some of the shape's exact-match fields, then the whole sort (in
 *       the same or the reverse direction): the page is read in order from the index;</li>
 *   <li>for a context key, the wildcard index on {@code context}: one key's matches, sorted in
 *       memory;</li>
 *   <li>for a shape that matches an identifier (a fingerprint, a trace, a job), an index leading
 *       with it: the matches are few, sorted in memory;</li>
 *   <li>a shape whose exact-match fields have no index of their own may walk the sort's index
 *       only when they are listed in {@link #WALKED} (documented as such).</li>
 * </ul>
 */
class IndexCoverageTest {
    /** Fields matched so few times each that sorting their matches in memory is fine. */
    private static final Map<String, Set<String>> SELECTIVE = new HashMap<>();
    /** Filters checked while walking the newest-first index (docs/OPERATIONS.md says so). */
    private static final Set<String> WALKED = new HashSet<>(Arrays.asList("file", "function", "severity_num",
            "environment", "release", "host", "thread", "logger", "exception.type", "exception.causes.type",
            // The group list leaves out merged groups: almost none are, so checking it on the walk costs nothing.
            "merged_into"));

    static {
        SELECTIVE.put(Collections.APP_ERRORS, new HashSet<>(Arrays.asList("_id", "fingerprint", "trace_id", "job_id",
                "user_id", "error_code")));
        SELECTIVE.put(Collections.ERROR_GROUPS, new HashSet<>(Arrays.asList("_id")));
        SELECTIVE.put(Collections.ERROR_CODES, new HashSet<>(Arrays.asList("_id", "code", "active")));
        SELECTIVE.put(Collections.AGENT_HEALTH, new HashSet<>(Arrays.asList("_id", "host")));
        SELECTIVE.put(Collections.NOTICES, new HashSet<>(Arrays.asList("_id")));
        SELECTIVE.put(Collections.ALERT_RULES, new HashSet<>(Arrays.asList("_id")));
        SELECTIVE.put(Collections.NOTICE_LIMITS, new HashSet<>(Arrays.asList("_id")));
    }

    @Test
    void everyQueryShapeIsServedByAnIndexTheAgentCreates() {
        List<String> unserved = new ArrayList<>();
        List<QueryShape> shapes = shapes();
        for (QueryShape shape : shapes) {
            if (!served(shape, IndexPlan.of(Duration.ofDays(30)))) {
                unserved.add(shape.toString());
            }
        }
        assertEquals(new ArrayList<String>(), unserved, "query shapes without an index, of " + shapes.size());
    }

    @Test
    void aShapeFilteringOnAFieldNoIndexLeadsWithIsNotServed() {
        // The rule can fail: an unknown field, sorted by something no index has.
        QueryShape s = QueryShape.of(Collections.APP_ERRORS, "made up", Filters.eq("color", "red"),
                Sorts.ascending("color")).get(0);
        assertEquals(false, served(s, IndexPlan.of(null)));
        QueryShape walked = QueryShape.of(Collections.APP_ERRORS, "made up", Filters.eq("color", "red"),
                Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("_id"))).get(0);
        assertEquals(false, served(walked, IndexPlan.of(null)), "color is not a documented walked filter");
    }

    private static List<QueryShape> shapes() {
        List<QueryShape> all = new ArrayList<>();
        // The occurrence list (CLI errors, GET /api/errors/, the console): each filter alone with
        // the default order, and the whole list in each order.
        List<String[]> filters = new ArrayList<>();
        for (String f : new String[] {"app", "file", "function", "fingerprint", "job_id", "user_id"}) {
            filters.add(new String[] {f, "x"});
        }
        for (String f : ErrorQuery.EXACT) {
            filters.add(new String[] {f, "x"});
        }
        for (String f : new String[] {"app__icontains", "file__icontains", "function__icontains", "search"}) {
            filters.add(new String[] {f, "x"});
        }
        filters.add(new String[] {"severity", "ERROR"});
        filters.add(new String[] {"severity__gte", "ERROR"});
        filters.add(new String[] {"severity__lte", "ERROR"});
        filters.add(new String[] {"exception_type", "java.io.IOException"});
        filters.add(new String[] {"context.order", "o1"});
        filters.add(new String[] {"resolved", "true"});
        filters.add(new String[] {"resolved", "false"});
        filters.add(new String[] {"timestamp__gte", "1h"});
        filters.add(new String[] {"timestamp__lte", "1h"});
        for (String[] f : filters) {
            ErrorQuery q = ErrorQuery.parse(params(f[0], f[1]));
            all.addAll(QueryShape.of(Collections.APP_ERRORS, "errors " + f[0], q.filter, q.sort));
        }
        for (String order : ErrorQuery.ORDERING.keySet()) {
            for (String o : new String[] {order, "-" + order}) {
                ErrorQuery q = ErrorQuery.parse(params("ordering", o));
                all.addAll(QueryShape.of(Collections.APP_ERRORS, "errors ordering=" + o, q.filter, q.sort));
            }
        }
        // The group list, by status and without, in each order; by app.
        for (String status : new String[] {null, GroupQuery.UNRESOLVED, GroupQuery.RESOLVED, GroupQuery.IGNORED}) {
            for (String order : GroupQuery.ORDERING.keySet()) {
                for (String o : new String[] {order, "-" + order}) {
                    GroupQuery q = GroupQuery.parse(status == null ? params("ordering", o) : params("status", status, "ordering", o));
                    all.addAll(QueryShape.of(Collections.ERROR_GROUPS, "groups status=" + status + " ordering=" + o, q.filter, q.sort));
                }
            }
        }
        for (String[] f : new String[][] {{"app", "x"}, {"search", "x"}}) {
            GroupQuery q = GroupQuery.parse(params(f[0], f[1]));
            all.addAll(QueryShape.of(Collections.ERROR_GROUPS, "groups " + f[0], q.filter, q.sort));
        }
        // Error-code history (CLI codes, GET /api/codes/).
        for (String[] f : new String[][] {{}, {"code", "x"}, {"active", "true"}}) {
            CodeQuery q = CodeQuery.parse(f.length == 0 ? params() : params(f[0], f[1]));
            all.addAll(QueryShape.of(Collections.ERROR_CODES, "codes " + Arrays.toString(f), q.filter, q.sort));
        }
        Bson newestFirst = Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("_id"));
        // Fixed shapes, named by the code that issues them.
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "Occurrences.find, resolve by id", Filters.eq("_id", "x"), null));
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "Groups.find: latest occurrences", Filters.eq("fingerprint", "x"), newestFirst));
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "Groups.resolve in the next release: a service's latest releases",
                Filters.eq("service", "x"), newestFirst));
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "TopValues.of", Filters.eq("fingerprint", "x"), Sorts.descending("timestamp")));
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "Trend.daily",
                Filters.and(Filters.in("fingerprint", "x", "y"), Filters.gte("timestamp", new Date())), null));
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "Groups.resolve: its occurrences", Filters.and(Filters.eq("fingerprint", "x"),
                Filters.ne("resolved", true), Filters.lte("timestamp", new Date())), null));
        all.addAll(QueryShape.of(Collections.APP_ERRORS, "IdPrefix.matching", Filters.regex("_id", "^ab"), null));
        all.addAll(QueryShape.of(Collections.ERROR_GROUPS, "Groups.find, resolve, GroupWriter", Filters.eq("_id", "x"), null));
        all.addAll(QueryShape.of(Collections.ERROR_GROUPS, "IdPrefix.matching", Filters.regex("_id", "^ab"), null));
        Identity identity = new Identity("shop", "", "", "", "", "box", "box", 1);
        CodeUpdates codes = new CodeUpdates(new ErrorCodeTracker(Clock.SYSTEM, 3_600_000L), identity, new Notifier("", identity));
        all.addAll(QueryShape.of(Collections.ERROR_CODES, "Writer: stored episodes at start", codes.storedFilter(), null));
        all.addAll(QueryShape.of(Collections.ERROR_CODES, "CodeUpdates by id", Filters.eq("_id", "x"), null));
        all.addAll(QueryShape.of(Collections.AGENT_HEALTH, "HealthReports.of(host, pid)",
                Filters.and(Filters.eq("host", "h"), Filters.eq("pid", 1L)), Sorts.descending("updated_at")));
        all.addAll(QueryShape.of(Collections.AGENT_HEALTH, "HealthReports.latest", new Document(), Sorts.descending("updated_at")));
        all.addAll(QueryShape.of(Collections.AGENT_HEALTH, "Health write", Filters.eq("_id", "x"), null));
        all.addAll(QueryShape.of(Collections.NOTICES, "Notices.list", new Document(), Sorts.descending("time")));
        all.addAll(QueryShape.of(Collections.NOTICES, "Notices.list(group)", Filters.eq("group", "x"), Sorts.descending("time")));
        all.addAll(QueryShape.of(Collections.ALERT_RULES, "AlertRules.list", new Document(), Sorts.ascending("_id")));
        all.addAll(QueryShape.of(Collections.ALERT_RULES, "AlertRules.remove", Filters.eq("_id", "x"), null));
        all.addAll(QueryShape.of(Collections.NOTICE_LIMITS, "MongoStore.allowNotice", Filters.and(Filters.eq("_id", "x"),
                Filters.lt("sent", 10), Filters.ne("notices", "fp new_group")), null));
        all.addAll(QueryShape.of(Collections.NOTICE_LIMITS, "MongoStore.holdBackNotice", Filters.eq("_id", "x"), null));
        all.addAll(QueryShape.of(Collections.NOTICE_LIMITS, "MongoStore.takeDigest", Filters.and(Filters.eq("_id", "x"),
                Filters.gt("held_back", 0)), null));
        all.addAll(QueryShape.of(Collections.ERROR_GROUPS, "GroupWriter: add a release", Filters.and(Filters.eq("_id", "x"),
                Filters.ne("releases", "r"), Filters.exists("releases.99", false)), null));
        return all;
    }

    static boolean served(QueryShape shape, List<IndexPlan.Index> plan) {
        List<List<Object[]>> indexes = new ArrayList<>();
        indexes.add(keys(new Document("_id", 1)));
        for (IndexPlan.Index index : plan) {
            if (index.collection.equals(shape.collection)) {
                indexes.add(keys(index.keys));
            }
        }
        List<Object[]> sort = new ArrayList<>();
        for (Map.Entry<String, Object> e : shape.sort.entrySet()) {
            if (!shape.equal.contains(e.getKey())) {
                sort.add(new Object[] {e.getKey(), e.getValue()});
            }
        }
        Set<String> selective = SELECTIVE.getOrDefault(shape.collection, new HashSet<>());
        for (List<Object[]> keys : indexes) {
            String first = (String) keys.get(0)[0];
            if (first.endsWith(".$**")) {
                // A wildcard index serves one exact match on any field under its path; it cannot sort.
                String path = first.substring(0, first.length() - 3);
                if (shape.equal.stream().anyMatch(f -> f.startsWith(path))) {
                    return true;
                }
                continue;
            }
            int leading = 0;
            while (leading < keys.size() && shape.equal.contains((String) keys.get(leading)[0])) {
                leading++;
            }
            if (sort.isEmpty()) {
                if (leading > 0 || (shape.equal.isEmpty() && shape.range.contains(first))) {
                    return true;
                }
                continue;
            }
            if (leading > 0 && selective.contains(first)) {
                return true;
            }
            if (sortIsPrefix(sort, keys.subList(leading, keys.size()))) {
                if (leading > 0 || WALKED.containsAll(shape.equal)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sort equals the first keys, all in the same direction or all reversed. */
    private static boolean sortIsPrefix(List<Object[]> sort, List<Object[]> keys) {
        if (sort.size() > keys.size()) {
            return false;
        }
        boolean same = true;
        boolean reversed = true;
        for (int i = 0; i < sort.size(); i++) {
            if (!sort.get(i)[0].equals(keys.get(i)[0])) {
                return false;
            }
            int s = ((Number) sort.get(i)[1]).intValue();
            int k = ((Number) keys.get(i)[1]).intValue();
            same &= s == k;
            reversed &= s == -k;
        }
        return same || reversed;
    }

    private static List<Object[]> keys(Document keys) {
        List<Object[]> list = new ArrayList<>();
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            list.add(new Object[] {e.getKey(), e.getValue()});
        }
        return list;
    }

    private static Map<String, String> params(String... pairs) {
        return GroupAndCodeQueryTest.params(pairs);
    }
}

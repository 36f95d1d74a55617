package dev.faultline.web;

import dev.faultline.query.AlertRules;
import dev.faultline.query.GroupingRuleList;
import dev.faultline.query.CodeQuery;
import dev.faultline.query.Codes;
import dev.faultline.query.Database;
import dev.faultline.query.ErrorQuery;
import dev.faultline.query.GroupQuery;
import dev.faultline.query.Groups;
import dev.faultline.query.HealthReports;
import dev.faultline.query.InvalidParameter;
import dev.faultline.query.Lookup;
import dev.faultline.query.Notices;
import dev.faultline.query.Occurrences;
import dev.faultline.query.Ownership;
import dev.faultline.query.Resolution;
import dev.faultline.query.Snoozes;
import dev.faultline.config.Values;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.List;
import org.bson.Document;

/**
 * The JSON API under {@code /api/} (DESIGN.md sections 1 and 5): the Django API's app-errors
 * list, detail and mark_resolved/mark_unresolved, plus error groups, error codes and agent health.
 */
final class Api {
    private final Occurrences occurrences;
    private final Groups groups;
    private final Codes codes;
    private final HealthReports health;
    private final AlertRules rules;
    private final GroupingRuleList groupingRules;
    private final Notices notices;
    private final Snoozes snoozes;
    private final Ownership ownership;

    Api(Database db) {
        this.occurrences = new Occurrences(db);
        this.groups = new Groups(db);
        this.codes = new Codes(db);
        this.health = new HealthReports(db);
        this.rules = new AlertRules(db);
        this.groupingRules = new GroupingRuleList(db);
        this.notices = new Notices(db);
        this.snoozes = new Snoozes(db);
        this.ownership = new Ownership(db);
    }

    /** @param path the segments after "api" */
    void handle(Call call, List<String> path) throws HttpError, IOException {
        String resource = path.isEmpty() ? "" : path.get(0);
        int depth = path.size();
        switch (resource) {
            case "":
                get(call);
                call.json(200, new Document("app-errors", "/api/app-errors/").append("error-groups", "/api/error-groups/")
                        .append("error-codes", "/api/error-codes/").append("health", "/api/health/")
                        .append("alert-rules", "/api/alert-rules/").append("notices", "/api/notices/")
                        .append("grouping-rules", "/api/grouping-rules/"));
                return;
            case "app-errors":
                if (depth == 1) {
                    get(call);
                    call.json(200, PageLinks.of(call, occurrences.list(ErrorQuery.parse(call.parameters()))));
                } else if (depth == 2) {
                    get(call);
                    call.json(200, found(occurrences.find(whole(occurrences, path.get(1), "occurrence"))));
                } else if (depth == 3 && path.get(2).equals("mark_resolved")) {
                    post(call);
                    String id = whole(occurrences, path.get(1), "occurrence");
                    call.json(200, found(occurrences.resolve(id, ResolveBody.resolvedBy(call.body()))).toDocument(false));
                } else if (depth == 3 && path.get(2).equals("mark_unresolved")) {
                    post(call);
                    call.json(200, found(occurrences.unresolve(whole(occurrences, path.get(1), "occurrence"))).toDocument(false));
                } else {
                    throw HttpError.notFound();
                }
                return;
            case "error-groups":
                groups(call, path);
                return;
            case "error-codes":
                only(depth, 1);
                get(call);
                List<Document> episodes = codes.history(CodeQuery.parse(call.parameters()));
                call.json(200, new Document("count", episodes.size()).append("results", episodes));
                return;
            case "alert-rules":
                alertRules(call, path);
                return;
            case "grouping-rules":
                groupingRules(call, path);
                return;
            case "notices":
                only(depth, 1);
                get(call);
                List<Document> sent = notices.list(call.parameters().get("group"), call.parameters().get("limit"));
                call.json(200, new Document("count", sent.size()).append("results", sent));
                return;
            case "health":
                only(depth, 1);
                get(call);
                noParameters(call);
                List<Document> reports = health.list();
                call.json(200, new Document("count", reports.size()).append("results", reports));
                return;
            default:
                throw HttpError.notFound();
        }
    }

    private void groups(Call call, List<String> path) throws HttpError, IOException {
        int depth = path.size();
        if (depth == 1) {
            get(call);
            call.json(200, PageLinks.of(call, groups.list(GroupQuery.parse(call.parameters()))));
        } else if (depth == 2) {
            get(call);
            call.json(200, found(groups.find(whole(groups, path.get(1), "group"))));
        } else if (depth == 3 && path.get(2).equals("merge")) {
            post(call);
            byte[] body = call.body();
            String into = ResolveBody.text(body, "into");
            if (into == null) {
                throw new InvalidParameter("into", "the fingerprint of the group to merge into");
            }
            String id = whole(groups, path.get(1), "group");
            call.json(200, found(groups.merge(id, whole(groups, into, "group"), ResolveBody.text(body, "merged_by"))));
        } else if (depth == 3 && path.get(2).equals("unmerge")) {
            post(call);
            call.json(200, found(groups.unmerge(whole(groups, path.get(1), "group"))));
        } else if (depth == 3) {
            String id = whole(groups, path.get(1), "group");
            Resolution done;
            switch (path.get(2)) {
                case "resolve":
                    post(call);
                    byte[] body = call.body();
                    String inRelease = ResolveBody.text(body, "in_release");
                    boolean nextRelease = ResolveBody.flag(body, "in_next_release");
                    if (inRelease != null && nextRelease) {
                        throw new InvalidParameter("in_release", "absent when in_next_release is true");
                    }
                    done = groups.resolve(id, ResolveBody.resolvedBy(body), inRelease, nextRelease);
                    break;
                case "unresolve":
                    post(call);
                    done = groups.unresolve(id);
                    break;
                case "ignore":
                    post(call);
                    done = groups.ignore(id);
                    break;
                case "assign":
                    post(call);
                    Map<String, Object> a = FlatJsonBody.fields(call.body());
                    call.json(200, found(ownership.assign(id, text(a, "assignee", "assignee"))));
                    return;
                case "comment":
                    post(call);
                    Map<String, Object> c = FlatJsonBody.fields(call.body());
                    call.json(200, found(ownership.comment(id, text(c, "by", "by", "text"), text(c, "text", "by", "text"))));
                    return;
                case "snooze":
                    post(call);
                    call.json(200, found(snooze(id, FlatJsonBody.fields(call.body()))));
                    return;
                default:
                    throw HttpError.notFound();
            }
            call.json(200, found(done).toDocument(true));
        } else {
            throw HttpError.notFound();
        }
    }

    /** GET lists, POST adds (a JSON rule), POST {@code <id>/remove} removes (ALERTS.md). */
    private void alertRules(Call call, List<String> path) throws HttpError, IOException {
        ruleCollection(call, path, rules::add, rules::list, rules::remove, null);
    }

    /** The same for grouping rules: POST {@code {"rule": "id: ... -> ...", "created_by": ..}} (GROUPING.md). */
    private void groupingRules(Call call, List<String> path) throws HttpError, IOException {
        ruleCollection(call, path, body -> {
            String by = text(body, "created_by", "rule", "created_by");
            return groupingRules.add(text(body, "rule", "rule", "created_by"), by == null ? "api" : by);
        }, groupingRules::list, groupingRules::remove, groupingRules::configured);
    }

    private void ruleCollection(Call call, List<String> path, java.util.function.Function<Map<String, Object>, Document> add,
            java.util.function.Supplier<List<Document>> list, java.util.function.Predicate<String> remove,
            java.util.function.Supplier<List<Document>> configured) throws HttpError, IOException {
        if (path.size() == 1 && call.method.equals("POST")) {
            call.json(201, add.apply(FlatJsonBody.fields(call.body())));
        } else if (path.size() == 1) {
            get(call);
            noParameters(call);
            List<Document> all = list.get();
            Document answer = new Document("count", all.size()).append("results", all);
            call.json(200, configured == null ? answer : answer.append("configured", configured.get()));
        } else if (path.size() == 3 && path.get(2).equals("remove")) {
            post(call);
            if (!remove.test(path.get(1))) {
                throw HttpError.notFound();
            }
            call.json(200, new Document("removed", path.get(1)));
        } else {
            throw HttpError.notFound();
        }
    }

    /** The string field {@code name} of a body whose fields must be among {@code allowed}. */
    private static String text(Map<String, Object> body, String name, String... allowed) {
        for (String field : body.keySet()) {
            if (!java.util.Arrays.asList(allowed).contains(field)) {
                throw new InvalidParameter(field, "one of " + java.util.Arrays.asList(allowed));
            }
        }
        Object v = body.get(name);
        if (v != null && !(v instanceof String)) {
            throw new InvalidParameter(name, "a string");
        }
        return (String) v;
    }

    /** {@code {"for": "2h"}}, {@code {"until": "2026-12-01T08:00:00Z"}}, {@code {"occurrences": 100}} or {@code {"rate_per_hour": 50}}. */
    private Document snooze(String id, Map<String, Object> body) {
        Object forText = body.remove("for");
        Object untilText = body.remove("until");
        Object more = body.remove("occurrences");
        Object perHour = body.remove("rate_per_hour");
        if (!body.isEmpty()) {
            throw new InvalidParameter(body.keySet().iterator().next(), "for, until, occurrences or rate_per_hour");
        }
        Date until = null;
        try {
            if (forText != null) {
                until = new Date(System.currentTimeMillis() + Values.duration(String.valueOf(forText)).toMillis());
            } else if (untilText != null) {
                until = Date.from(Instant.parse(String.valueOf(untilText)));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidParameter(forText != null ? "for" : "until", "a duration (2h) or an ISO-8601 time");
        }
        if (more != null && !(more instanceof Long)) {
            throw new InvalidParameter("occurrences", "a whole number of 1 or more");
        }
        if (perHour != null && !(perHour instanceof Long)) {
            throw new InvalidParameter("rate_per_hour", "a whole number of 1 or more");
        }
        if ((forText != null && untilText != null) || (until == null ? 0 : 1) + (more == null ? 0 : 1) + (perHour == null ? 0 : 1) > 1) {
            // Not "until": the body gave two (or none), a user's trial read it as a bad time.
            throw new InvalidParameter("snooze", "exactly one of for, until, occurrences, rate_per_hour");
        }
        return snoozes.snooze(id, until, (Long) more, (Long) perHour);
    }

    /**
     * The whole id of what {@code given} names: the id itself, or a unique beginning of six or more
     * characters (the CLI and the console show fingerprints shortened; query/IdPrefix). 404 ("Not
     * found", as for any unknown id) when nothing matches, 400 when the beginning matches more than one.
     */
    private static String whole(Lookup lookup, String given, String what) throws HttpError {
        List<String> ids = lookup.matchingIds(given);
        if (ids.isEmpty()) {
            throw HttpError.notFound();
        }
        if (ids.size() > 1) {
            throw new HttpError(400, "more than one " + what + " has an id beginning with " + given + ": give more characters");
        }
        return ids.get(0);
    }

    private static <T> T found(T value) throws HttpError {
        if (value == null) {
            throw HttpError.notFound();
        }
        return value;
    }

    private static void only(int depth, int expected) throws HttpError {
        if (depth != expected) {
            throw HttpError.notFound();
        }
    }

    private static void noParameters(Call call) throws HttpError {
        for (String name : call.parameters().keySet()) {
            if (!name.equals("format")) {
                throw new InvalidParameter(name, "no parameters");
            }
        }
    }

    private static void get(Call call) throws HttpError {
        if (!call.method.equals("GET") && !call.method.equals("HEAD")) {
            call.exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new HttpError(405, "Method not allowed");
        }
    }

    private static void post(Call call) throws HttpError {
        if (!call.method.equals("POST")) {
            call.exchange.getResponseHeaders().set("Allow", "POST");
            throw new HttpError(405, "Method not allowed");
        }
    }
}

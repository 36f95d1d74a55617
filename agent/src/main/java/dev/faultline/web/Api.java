package dev.faultline.web;

import dev.faultline.query.CodeQuery;
import dev.faultline.query.Codes;
import dev.faultline.query.Database;
import dev.faultline.query.ErrorQuery;
import dev.faultline.query.GroupQuery;
import dev.faultline.query.Groups;
import dev.faultline.query.HealthReports;
import dev.faultline.query.InvalidParameter;
import dev.faultline.query.Occurrences;
import dev.faultline.query.Resolution;
import java.io.IOException;
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

    Api(Database db) {
        this.occurrences = new Occurrences(db);
        this.groups = new Groups(db);
        this.codes = new Codes(db);
        this.health = new HealthReports(db);
    }

    /** @param path the segments after "api" */
    void handle(Call call, List<String> path) throws HttpError, IOException {
        String resource = path.isEmpty() ? "" : path.get(0);
        int depth = path.size();
        switch (resource) {
            case "":
                get(call);
                call.json(200, new Document("app-errors", "/api/app-errors/").append("error-groups", "/api/error-groups/")
                        .append("error-codes", "/api/error-codes/").append("health", "/api/health/"));
                return;
            case "app-errors":
                if (depth == 1) {
                    get(call);
                    call.json(200, PageLinks.of(call, occurrences.list(ErrorQuery.parse(call.parameters()))));
                } else if (depth == 2) {
                    get(call);
                    call.json(200, found(occurrences.find(path.get(1))));
                } else if (depth == 3 && path.get(2).equals("mark_resolved")) {
                    post(call);
                    call.json(200, found(occurrences.resolve(path.get(1), ResolveBody.resolvedBy(call.body()))).toDocument(false));
                } else if (depth == 3 && path.get(2).equals("mark_unresolved")) {
                    post(call);
                    call.json(200, found(occurrences.unresolve(path.get(1))).toDocument(false));
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
            call.json(200, found(groups.find(path.get(1))));
        } else if (depth == 3 && path.get(2).equals("merge")) {
            post(call);
            byte[] body = call.body();
            String into = ResolveBody.text(body, "into");
            if (into == null) {
                throw new InvalidParameter("into", "the fingerprint of the group to merge into");
            }
            call.json(200, found(groups.merge(path.get(1), into, ResolveBody.text(body, "merged_by"))));
        } else if (depth == 3 && path.get(2).equals("unmerge")) {
            post(call);
            call.json(200, found(groups.unmerge(path.get(1))));
        } else if (depth == 3) {
            String id = path.get(1);
            Resolution done;
            switch (path.get(2)) {
                case "resolve":
                    post(call);
                    done = groups.resolve(id, ResolveBody.resolvedBy(call.body()));
                    break;
                case "unresolve":
                    post(call);
                    done = groups.unresolve(id);
                    break;
                case "ignore":
                    post(call);
                    done = groups.ignore(id);
                    break;
                default:
                    throw HttpError.notFound();
            }
            call.json(200, found(done).toDocument(true));
        } else {
            throw HttpError.notFound();
        }
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

package dev.faultline.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Every index the agent creates, as data: {@link MongoStore} creates them, and a unit test checks
 * every query shape the CLI, the API, the console and the writer issue against this list (the
 * in-process test server ignores indexes, so it cannot tell). The rule each shape must meet is in
 * docs/OPERATIONS.md ("Queries and indexes").
 *
 * <p>DESIGN.md section 4 names the first indexes. Sorted lists break ties on {@code _id} (pages
 * must not overlap), and MongoDB can use an index for a sort only when the whole sort is a prefix
 * of its keys; so the contract's {@code {fingerprint:1, timestamp:-1}},
 * {@code {resolved:1, timestamp:-1}}, {@code {created_at:-1}} and {@code {status:1, last_seen:-1}}
 * are created with {@code _id} appended, which serves every query the shorter key would.
 */
public final class IndexPlan {
    /** One index: its collection, its keys in order (1 ascending, -1 descending), TTL or not. */
    public static final class Index {
        public final String collection;
        public final Document keys;
        /** Seconds after {@code timestamp} when MongoDB removes the document, or -1. */
        public final long expireAfterSeconds;
        /** Only documents that have the field are in the index (an identifier most records lack). */
        public final boolean sparse;
        /** MongoDB refuses a second document with the same key. */
        public final boolean unique;

        Index(String collection, Document keys, long expireAfterSeconds, boolean sparse) {
            this(collection, keys, expireAfterSeconds, sparse, false);
        }

        Index(String collection, Document keys, long expireAfterSeconds, boolean sparse, boolean unique) {
            this.collection = collection;
            this.keys = keys;
            this.expireAfterSeconds = expireAfterSeconds;
            this.sparse = sparse;
            this.unique = unique;
        }

        @Override
        public String toString() {
            return collection + " " + keys.toJson();
        }
    }

    private IndexPlan() {
    }

    /** @param retention {@code retention}, or null when occurrences are kept for ever (no TTL index) */
    public static List<Index> of(Duration retention) {
        List<Index> all = new ArrayList<Index>();
        String errors = Collections.APP_ERRORS;
        // DESIGN.md section 4.
        add(all, errors, "timestamp", -1, "severity_num", 1);
        add(all, errors, "resolved", 1, "timestamp", -1, "_id", -1);
        add(all, errors, "app", 1, "severity_num", 1);
        add(all, errors, "fingerprint", 1, "timestamp", -1, "_id", -1);
        sparse(all, errors, "job_id");
        sparse(all, errors, "user_id");
        sparse(all, errors, "error_code");
        // The lists' sorts, newest first and by each ordering, and the filters people browse by.
        add(all, errors, "timestamp", -1, "_id", -1);
        add(all, errors, "severity_num", 1, "_id", 1);
        add(all, errors, "app", 1, "_id", 1);
        add(all, errors, "resolved", 1, "_id", 1);
        add(all, errors, "app", 1, "timestamp", -1, "_id", -1);
        add(all, errors, "service", 1, "timestamp", -1, "_id", -1);
        sparse(all, errors, "trace_id");
        // Any context key (filter context.<key>=value); a wildcard index, MongoDB 4.2 and later.
        add(all, errors, "context.$**", 1);
        if (retention != null) {
            all.add(new Index(errors, new Document("timestamp", 1), retention.getSeconds(), false));
        }

        String groups = Collections.ERROR_GROUPS;
        add(all, groups, "status", 1, "last_seen", -1, "_id", -1);
        add(all, groups, "status", 1, "count", -1, "_id", -1);
        add(all, groups, "status", 1, "first_seen", -1, "_id", -1);
        add(all, groups, "last_seen", -1, "_id", -1);
        add(all, groups, "count", -1, "_id", -1);
        add(all, groups, "first_seen", -1, "_id", -1);
        add(all, groups, "app", 1, "last_seen", -1, "_id", -1);

        String codes = Collections.ERROR_CODES;
        add(all, codes, "code", 1, "active", 1);
        add(all, codes, "active", 1, "server_id", 1);
        add(all, codes, "created_at", -1, "_id", -1);
        // One active episode per source and code, whichever of the source's JVMs opens it
        // (CodeUpdates): sparse, as the key is removed at the clear.
        all.add(new Index(codes, new Document(dev.faultline.codes.CodeUpdates.OPEN_KEY, 1), -1, true, true));

        add(all, Collections.NOTICES, "time", -1);
        add(all, Collections.NOTICES, "group", 1, "time", -1);
        // A window's limit is of no use once it ended: removed an hour later (on a real MongoDB).
        all.add(new Index(Collections.NOTICE_LIMITS, new Document("expires_at", 1), 0, false));

        add(all, Collections.AGENT_HEALTH, "updated_at", -1);
        add(all, Collections.AGENT_HEALTH, "host", 1, "pid", 1);
        return java.util.Collections.unmodifiableList(all);
    }

    private static void add(List<Index> all, String collection, Object... fieldsAndDirections) {
        Document keys = new Document();
        for (int i = 0; i < fieldsAndDirections.length; i += 2) {
            keys.append((String) fieldsAndDirections[i], fieldsAndDirections[i + 1]);
        }
        all.add(new Index(collection, keys, -1, false));
    }

    private static void sparse(List<Index> all, String collection, String field) {
        all.add(new Index(collection, new Document(field, 1), -1, true));
    }
}

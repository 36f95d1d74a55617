package dev.faultline.store;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * A MongoDB for the writer's unit tests: keeps what it is given, and can refuse connections,
 * time out, reject documents or hang, as a real one does when it is away or slow.
 */
final class FakeDatabase implements Database, Database.Opener {
    final List<Document> occurrences = new CopyOnWriteArrayList<>();
    final List<List<Document>> batches = new CopyOnWriteArrayList<>();
    final List<WriteModel<Document>> codeWrites = new CopyOnWriteArrayList<>();
    final List<WriteModel<Document>> groupWrites = new CopyOnWriteArrayList<>();
    final List<Document> healthReports = new CopyOnWriteArrayList<>();
    final List<Document> storedCodes = new ArrayList<>();
    /** {@code error_groups} documents with {@code merged_into}: what the writer reads for merges. */
    final List<Document> mergedGroups = new CopyOnWriteArrayList<>();
    final List<Document> groupingRules = new CopyOnWriteArrayList<>();
    final List<String> migrations = new CopyOnWriteArrayList<>();
    final java.util.Set<String> migrationTargetsMissing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The next this-many opens or writes fail as if MongoDB were away. */
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();
    /** Messages whose documents MongoDB refuses (as a validator would). */
    final Set<String> refusedMessages = new HashSet<>();
    /** When set, inserts wait on it: a MongoDB that accepts connections and never answers. */
    volatile CountDownLatch hang;
    /** Group count writes still to apply and then fail as if the answer were lost. */
    final AtomicInteger loseAnswers = new AtomicInteger();
    /** When set, health reports wait on it: a MongoDB that stops answering between two calls. */
    volatile CountDownLatch hangHealth;
    /** Calls waiting on {@link #hang} or {@link #hangHealth}. */
    final java.util.concurrent.atomic.AtomicInteger hanging = new java.util.concurrent.atomic.AtomicInteger();
    /** Inserts that have waited on {@link #hang}. */
    final java.util.concurrent.atomic.AtomicInteger insertsHanging = new java.util.concurrent.atomic.AtomicInteger();
    /** How long each insert takes: a slow MongoDB. */
    volatile long insertMillis;
    /** What the driver's heartbeat says: null before the first one, false while MongoDB does not answer. */
    volatile Boolean answering = Boolean.TRUE;

    /** When set, making the client waits on it: the driver's classes still loading. */
    volatile CountDownLatch making;
    /** Calls to {@link #open} begun, made or not. */
    final AtomicInteger opening = new AtomicInteger();

    @Override
    public Database open(Health health) {
        opening.incrementAndGet();
        CountDownLatch m = making;
        if (m != null) {
            try {
                m.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        opens.incrementAndGet();
        failIfAway();
        return this;
    }

    private void failIfAway() {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MongoTimeoutException("fake: MongoDB is away");
        }
    }

    @Override
    public void ensureIndexes(Duration retention) {
        failIfAway();
    }

    @Override
    public Inserted insertOccurrences(List<Document> documents) {
        CountDownLatch h = hang;
        if (insertMillis > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(insertMillis * 1_000_000L);
        }
        if (h != null) {
            insertsHanging.incrementAndGet();
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failIfAway();
        Error error = insertError;
        if (error != null) {
            insertError = null;
            throw error;
        }
        batches.add(new ArrayList<>(documents));
        boolean loseAnswer = loseInsertAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        Set<Integer> rejected = new HashSet<>();
        Set<Integer> duplicates = new HashSet<>();
        int stored = 0;
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            if (refusedMessages.contains(d.getString("message"))) {
                rejected.add(i);
            } else if (occurrences.stream().anyMatch(o -> o.get("_id").equals(d.get("_id")))) {
                duplicates.add(i);
                stored++;
            } else {
                occurrences.add(d);
                stored++;
            }
        }
        if (loseAnswer) {
            throw new com.mongodb.MongoSocketReadException("fake: stored, and the answer lost", new com.mongodb.ServerAddress());
        }
        return new Inserted(stored, rejected, rejected.isEmpty() ? null : "fake: document failed validation", duplicates);
    }

    /** When set, the next insert throws it (then it is cleared): the JVM failing in the driver, out of memory encoding a batch. */
    volatile Error insertError;

    /** The next this-many inserts are applied and then fail as if their answer were lost. */
    final AtomicInteger loseInsertAnswers = new AtomicInteger();

    @Override
    public Boolean answering() {
        return answering;
    }

    @Override
    public void writeCodes(List<WriteModel<Document>> writes) {
        failIfAway();
        codeWrites.addAll(writes);
    }

    /**
     * The active episodes by open key, as {@link #openEpisode} finds them: one this fake opened, or
     * one a test puts there as another JVM's of the source.
     */
    final java.util.Map<String, Document> openEpisodes = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, every {@link #updateCode} matches nothing (another JVM re-alerted, or cleared). */
    volatile boolean codeUpdatesMatchNothing;

    @Override
    public Document openEpisode(String key, org.bson.conversions.Bson update) {
        failIfAway();
        codeWrites.add(new com.mongodb.client.model.UpdateOneModel<>(dev.faultline.codes.CodeUpdates.keyFilter(key), update,
                new com.mongodb.client.model.UpdateOptions().upsert(true)));
        Document inserted = (Document) Document.parse(update.toBsonDocument().toJson()).get("$setOnInsert");
        return openEpisodes.computeIfAbsent(key, k -> inserted);
    }

    @Override
    public Document updateCode(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
        failIfAway();
        codeWrites.add(new com.mongodb.client.model.UpdateOneModel<>(filter, update));
        return codeUpdatesMatchNothing ? null : new Document("alerts", 1L);
    }

    @Override
    public Set<Integer> writeGroups(List<WriteModel<Document>> writes) {
        failIfAway();
        groupWrites.addAll(writes);
        return java.util.Collections.emptySet();
    }

    /** Group documents as a MongoDB would keep them, for the answers of {@link #countGroup}. */
    final java.util.Map<Object, Document> groups = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Document> notices = new CopyOnWriteArrayList<>();
    final List<Document> rules = new CopyOnWriteArrayList<>();

    /** When set, every group count is refused (as a validator would). */
    volatile boolean refuseGroups;
    /** How many count writes (findOneAndUpdate) each group had. */
    final java.util.Map<Object, AtomicInteger> countWrites = new java.util.concurrent.ConcurrentHashMap<>();

    /** When set, group count writes wait on it; {@link #groupsHanging} counts those waiting. */
    volatile CountDownLatch hangGroups;
    final AtomicInteger groupsHanging = new AtomicInteger();

    /** How long each group count write takes: a MongoDB a few milliseconds away. */
    volatile long groupMillis;

    @Override
    public Document countGroup(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
        long slow = groupMillis;
        if (slow > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(slow));
        }
        CountDownLatch h = hangGroups;
        if (h != null) {
            groupsHanging.incrementAndGet();
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failIfAway();
        if (refuseGroups) {
            throw new com.mongodb.MongoCommandException(new org.bson.BsonDocument("ok", new org.bson.BsonInt32(0)).append("code", new org.bson.BsonInt32(121)).append("errmsg", new org.bson.BsonString("fake: Document failed validation")), new com.mongodb.ServerAddress());
        }
        org.bson.BsonDocument f = filter.toBsonDocument();
        if (f.containsKey(dev.faultline.pipeline.AppliedOnce.FIELD)
                && !appliedOnce.add(f.getDocument(dev.faultline.pipeline.AppliedOnce.FIELD).getString("$ne").getValue())) {
            // Applied before: the filter matches nothing, and the upsert finds its _id taken.
            throw new com.mongodb.MongoCommandException(new org.bson.BsonDocument("ok", new org.bson.BsonInt32(0))
                    .append("code", new org.bson.BsonInt32(11000)).append("errmsg", new org.bson.BsonString("fake: duplicate key")),
                    new com.mongodb.ServerAddress());
        }
        countWrites.computeIfAbsent(filter.toBsonDocument().get("_id").asString().getValue(), k -> new AtomicInteger()).incrementAndGet();
        groupWrites.add(new com.mongodb.client.model.UpdateOneModel<>(filter, update,
                new com.mongodb.client.model.UpdateOptions().upsert(true)));
        Object id = filter.toBsonDocument().get("_id").asString().getValue();
        Document before = groups.get(id);
        Document after = before == null ? new Document("_id", id).append("count", 0L) : new Document(before);
        Document inc = (Document) Document.parse(update.toBsonDocument().toJson()).get("$inc");
        after.put("count", ((Number) after.get("count")).longValue() + ((Number) inc.get("count")).longValue());
        if (inc.get("stored_count") != null) {
            after.put("stored_count", ((Number) after.get("stored_count", (Object) 0L)).longValue()
                    + ((Number) inc.get("stored_count")).longValue());
        }
        groups.put(id, after);
        if (loseAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new com.mongodb.MongoSocketReadTimeoutException("fake: applied, the answer lost",
                    new com.mongodb.ServerAddress(), new java.net.SocketTimeoutException());
        }
        return before;
    }

    /** Ids of the spooled writes applied ({@code applied_spool_ids}), and the writes applied, per collection. */
    final Set<String> appliedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<String> appliedCollections = new CopyOnWriteArrayList<>();

    @Override
    public boolean applyOnce(String collection, org.bson.conversions.Bson filter, org.bson.conversions.Bson update, boolean upsert) {
        failIfAway();
        Document u = Document.parse(update.toBsonDocument().toJson());
        String once = ((Document) ((Document) u.get("$push")).get(dev.faultline.pipeline.AppliedOnce.FIELD)).getList("$each", String.class).get(0);
        if (!appliedOnce.add(once)) {
            return false;
        }
        appliedCollections.add(collection);
        if (Collections.ERROR_CODES.equals(collection)) {
            codeWrites.add(new com.mongodb.client.model.UpdateOneModel<>(filter, update,
                    new com.mongodb.client.model.UpdateOptions().upsert(upsert)));
        }
        Document inc = (Document) u.get("$inc");
        if (Collections.ERROR_GROUPS.equals(collection) && inc != null && inc.get("count") != null) {
            Object id = filter.toBsonDocument().get("_id").asString().getValue();
            Document after = groups.computeIfAbsent(id, k -> new Document("_id", k).append("count", 0L).append("stored_count", 0L));
            after.put("count", ((Number) after.get("count")).longValue() + ((Number) inc.get("count")).longValue());
            after.put("stored_count", ((Number) after.get("stored_count", (Object) 0L)).longValue()
                    + ((Number) inc.get("stored_count")).longValue());
        }
        return true;
    }

    @Override
    public boolean updateGroup(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
        failIfAway();
        groupWrites.add(new com.mongodb.client.model.UpdateOneModel<>(filter, update));
        return false;
    }

    @Override
    public List<Document> alertRules() {
        failIfAway();
        return rules;
    }

    @Override
    public void insertNotices(List<Document> documents) {
        failIfAway();
        notices.addAll(documents);
    }

    @Override
    public void writeHealth(Document health) {
        CountDownLatch h = hangHealth;
        if (h != null) {
            hanging.incrementAndGet();
            try {
                h.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        healthReports.add(health);
    }

    @Override
    public Set<String> migrateGroups(java.util.Map<String, String> pairs, int version) {
        failIfAway();
        Set<String> settled = new HashSet<>();
        pairs.forEach((previous, current) -> {
            migrations.add(previous + "->" + current + "@" + version);
            if (!migrationTargetsMissing.contains(current)) {
                settled.add(previous);
            }
        });
        return settled;
    }

    @Override
    public List<Document> groupingRules() {
        failIfAway();
        return new ArrayList<Document>(groupingRules);
    }

    /** The sources {@link #finishMerges} was asked to finish. */
    final List<String> finishedMerges = new CopyOnWriteArrayList<>();

    @Override
    public void finishMerges(java.util.Collection<String> sources) {
        failIfAway();
        finishedMerges.addAll(sources);
    }

    @Override
    public List<Document> mergedGroups() {
        failIfAway();
        return new ArrayList<Document>(mergedGroups);
    }

    @Override
    public List<Document> codes(Document filter) {
        failIfAway();
        return storedCodes;
    }

    @Override
    public void close() {
    }
}

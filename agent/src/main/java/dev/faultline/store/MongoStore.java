package dev.faultline.store;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Date;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ServerDescriptionChangedEvent;
import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerListener;
import com.mongodb.event.ServerHeartbeatSucceededEvent;
import com.mongodb.event.ServerMonitorListener;
import dev.faultline.capture.RecordCodec;
import dev.faultline.core.Diag;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.conversions.Bson;

/**
 * The agent's MongoDB client. Created on the writer thread only. Short timeouts, because a
 * MongoDB that is away must be noticed quickly (the writer backs off, shutdown does not wait),
 * and a heartbeat listener that keeps {@link Health#mongoState()} current.
 */
final class MongoStore implements Database {
    private static final int DUPLICATE_KEY = 11000;

    private final MongoClient client;
    private final MongoDatabase database;
    /** app_errors with records written by {@link RecordCodec} instead of the driver's DocumentCodec. */
    private final MongoCollection<Document> records;
    private volatile Boolean answering;

    /** The driver's heartbeat when the URI does not set {@code heartbeatFrequencyMS}: one {@code hello} a server every 2 s. */
    static final int HEARTBEAT_SECONDS = 2;

    MongoStore(String uri, String databaseName, final Health health) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applicationName(connection.getApplicationName() != null ? connection.getApplicationName() : "faultline-agent")
                .applyToClusterSettings(b -> {
                    if (connection.getServerSelectionTimeout() == null) {
                        b.serverSelectionTimeout(5, TimeUnit.SECONDS);
                    }
                })
                .applyToSocketSettings(b -> {
                    if (connection.getConnectTimeout() == null) {
                        b.connectTimeout(2, TimeUnit.SECONDS);
                    }
                    if (connection.getSocketTimeout() == null) {
                        b.readTimeout(15, TimeUnit.SECONDS);
                    }
                })
                .applyToServerSettings(b -> {
                    if (connection.getHeartbeatFrequency() == null) {
                        // Not the driver's 10 s: the writer calls MongoDB again (and replays its
                        // spool) when the heartbeat sees it back, so this is how long that can take.
                        b.heartbeatFrequency(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                    }
                })
                .applyToServerSettings(b -> b.addServerListener(new ServerListener() {
                    @Override
                    public void serverDescriptionChanged(ServerDescriptionChangedEvent event) {
                        // Also the first connection, which the driver reports as no heartbeat.
                        ServerDescription now = event.getNewDescription();
                        if (now.getState() == ServerConnectionState.CONNECTED) {
                            answering = Boolean.TRUE;
                        } else if (now.getException() != null) {
                            answering = Boolean.FALSE;
                        }
                    }
                }).addServerMonitorListener(new ServerMonitorListener() {
                    @Override
                    public void serverHeartbeatSucceeded(ServerHeartbeatSucceededEvent event) {
                        answering = Boolean.TRUE;
                        if (health.mongoState() != Health.MongoState.CREDENTIALS_REFUSED) {
                            health.mongoState(Health.MongoState.CONNECTED);
                        }
                    }

                    @Override
                    public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
                        answering = Boolean.FALSE;
                        // Only a refused connection is certain; a slow heartbeat on a loaded
                        // machine is not a reason to give up writing at shutdown.
                        if (event.getThrowable() instanceof MongoSocketOpenException) {
                            health.mongoState(Health.MongoState.UNREACHABLE);
                        }
                    }
                }))
                .build();
        this.client = MongoClients.create(settings);
        this.database = client.getDatabase(databaseName);
        this.records = database.getCollection(Collections.APP_ERRORS).withCodecRegistry(
                CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(RecordCodec.INSTANCE), database.getCodecRegistry()));
    }

    /** Opens the configured MongoDB; the client connects lazily, the first write or index says whether it can. */
    static Database.Opener opener(final String uri, final String databaseName) {
        return new Database.Opener() {
            @Override
            public Database open(Health health) {
                return new MongoStore(uri, databaseName, health);
            }
        };
    }

    private MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    @Override
    public Inserted insertRecords(List<dev.faultline.capture.Occurrence> occurrences, org.bson.RawBsonDocument[] encoded) {
        List<Document> documents = new ArrayList<Document>(occurrences.size());
        for (int i = 0; i < occurrences.size(); i++) {
            documents.add(encoded != null && encoded[i] != null ? RecordCodec.encoded(encoded[i]) : occurrences.get(i).document);
        }
        return insertOccurrences(documents);
    }

    @Override
    public Inserted insertOccurrences(List<Document> occurrences) {
        try {
            records.insertMany(occurrences, new InsertManyOptions().ordered(false));
            return new Inserted(occurrences.size(), java.util.Collections.<Integer>emptySet(), null);
        } catch (MongoBulkWriteException e) {
            return inserted(e, occurrences.size());
        }
    }

    private static Inserted inserted(MongoBulkWriteException e, int sent) {
        // Per document: a duplicate _id is a replay of one already written (stored, not
        // twice); any other error is a refusal that resending will not change.
        Set<Integer> duplicates = new HashSet<Integer>();
        Set<Integer> rejected = new HashSet<Integer>();
        String first = null;
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCode() == DUPLICATE_KEY) {
                duplicates.add(error.getIndex());
            } else {
                rejected.add(error.getIndex());
                if (first == null) {
                    first = error.getMessage();
                }
            }
        }
        // Every document not refused is stored, now or before (not the answer's inserted count:
        // the in-process test server counts the duplicates in it too).
        return new Inserted(sent - rejected.size(), rejected, first, duplicates);
    }

    @Override
    public Boolean answering() {
        return answering;
    }

    @Override
    public void writeCodes(List<WriteModel<Document>> writes) {
        collection(Collections.ERROR_CODES).bulkWrite(writes, new BulkWriteOptions().ordered(true));
    }

    @Override
    public Document openEpisode(String openKey, Bson update) {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        for (int attempt = 0; ; attempt++) {
            try {
                return collection(Collections.ERROR_CODES).findOneAndUpdate(dev.faultline.codes.CodeUpdates.keyFilter(openKey), update, options);
            } catch (com.mongodb.MongoServerException e) {
                if (e.getCode() != DUPLICATE_KEY || attempt >= 2) {
                    throw e;
                }
                // Another JVM of the source inserted it meanwhile (found by the next try), or an
                // ended episode holds the key still.
                releaseEndedKey(openKey);
            }
        }
    }

    /**
     * Takes {@code openKey} from the source's ended episodes that still hold it: an agent from
     * before open keys clears an episode by id and leaves its key, which the unique index would
     * then refuse to every new episode of the code.
     */
    private void releaseEndedKey(String openKey) {
        collection(Collections.ERROR_CODES).updateMany(Filters.and(Filters.eq(dev.faultline.codes.CodeUpdates.OPEN_KEY, openKey),
                Filters.ne("active", true)), Updates.unset(dev.faultline.codes.CodeUpdates.OPEN_KEY));
    }

    @Override
    public Document updateCode(Bson filter, Bson update) {
        return collection(Collections.ERROR_CODES).findOneAndUpdate(filter, update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(com.mongodb.client.model.Projections.include("alerts")));
    }

    @Override
    public Set<Integer> writeGroups(List<WriteModel<Document>> writes) {
        try {
            collection(Collections.ERROR_GROUPS).bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return java.util.Collections.emptySet();
        } catch (MongoBulkWriteException e) {
            // Unordered: the other updates were applied.
            Set<Integer> refused = new HashSet<Integer>();
            for (BulkWriteError error : e.getWriteErrors()) {
                refused.add(error.getIndex());
            }
            return refused;
        }
    }

    @Override
    public Document countGroup(Bson filter, Bson update) {
        return collection(Collections.ERROR_GROUPS).findOneAndUpdate(filter, update,
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
    }

    @Override
    public java.util.Set<String> appliedIds(String name, java.util.Collection<Object> ids) {
        java.util.Set<String> out = new HashSet<String>();
        for (Document d : collection(name).find(Filters.in("_id", ids))
                .projection(new Document(dev.faultline.pipeline.AppliedOnce.FIELD, 1))) {
            for (Object once : d.getList(dev.faultline.pipeline.AppliedOnce.FIELD, Object.class, java.util.Collections.emptyList())) {
                out.add(String.valueOf(once));
            }
        }
        return out;
    }

    @Override
    public boolean applyOnce(String name, Bson filter, Bson update, boolean upsert) {
        for (int attempt = 0; ; attempt++) {
            try {
                com.mongodb.client.result.UpdateResult r = collection(name).updateOne(filter, update, new UpdateOptions().upsert(upsert));
                return r.getMatchedCount() > 0 || r.getUpsertedId() != null;
            } catch (MongoWriteException e) {
                if (e.getError().getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                if (attempt > 0) {
                    return false;
                }
                Object openKey = Collections.ERROR_CODES.equals(name) && upsert
                        ? filter.toBsonDocument().get(dev.faultline.codes.CodeUpdates.OPEN_KEY) : null;
                if (openKey instanceof org.bson.BsonString) {
                    // A spooled opening: an ended episode may hold its key (openEpisode).
                    releaseEndedKey(((org.bson.BsonString) openKey).getValue());
                }
            }
        }
    }

    /**
     * One ordered bulk write; a duplicate key (an upsert whose document exists: made meanwhile,
     * or holding the write already) stops it there, that write is sent once more alone ({@link
     * #applyOnce(String, Bson, Bson, boolean)}) and the bulk goes on after it.
     */
    @Override
    public int applyOnce(String name, List<com.mongodb.client.model.UpdateOneModel<Document>> writes) {
        return applyOnce(name, writes, id -> { });
    }

    @Override
    public int applyOnce(String name, List<com.mongodb.client.model.UpdateOneModel<Document>> writes,
            java.util.function.Consumer<Object> inserted) {
        int applied = 0;
        int from = 0;
        while (from < writes.size()) {
            try {
                com.mongodb.bulk.BulkWriteResult r = collection(name).bulkWrite(writes.subList(from, writes.size()), new BulkWriteOptions().ordered(true));
                upserted(r, inserted);
                return applied + r.getMatchedCount() + r.getUpserts().size();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty()) {
                    throw e;
                }
                BulkWriteError error = e.getWriteErrors().get(0);
                upserted(e.getWriteResult(), inserted);
                applied += e.getWriteResult().getMatchedCount() + e.getWriteResult().getUpserts().size();
                com.mongodb.client.model.UpdateOneModel<Document> w = writes.get(from + error.getIndex());
                if (error.getCode() == DUPLICATE_KEY) {
                    if (applyOnce(name, w.getFilter(), w.getUpdate(), w.getOptions().isUpsert())) {
                        applied++;
                    }
                } else {
                    SpooledCounts.refused(name, e);
                }
                from += error.getIndex() + 1;
            }
        }
        return applied;
    }

    private static void upserted(com.mongodb.bulk.BulkWriteResult r, java.util.function.Consumer<Object> inserted) {
        for (com.mongodb.bulk.BulkWriteUpsert u : r.getUpserts()) {
            org.bson.BsonValue id = u.getId();
            inserted.accept(id.isString() ? id.asString().getValue() : id);
        }
    }

    @Override
    public List<Document> groupsWithLastError(java.util.Collection<Object> ids) {
        List<Document> groups = collection(Collections.ERROR_GROUPS).find(Filters.in("_id", ids)).into(new ArrayList<Document>());
        for (Document g : groups) {
            Object last = g.get("last_error_id");
            if (last != null) {
                g.put("last_error", collection(Collections.APP_ERRORS).find(Filters.eq("_id", last)).first());
            }
        }
        return groups;
    }

    @Override
    public boolean updateGroup(Bson filter, Bson update) {
        return collection(Collections.ERROR_GROUPS).updateOne(filter, update).getMatchedCount() > 0;
    }

    @Override
    public List<Document> alertRules() {
        return collection(Collections.ALERT_RULES).find().into(new ArrayList<Document>());
    }

    @Override
    public void insertNotices(List<Document> notices) {
        try {
            collection(Collections.NOTICES).insertMany(notices, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Duplicates are notices stored by an attempt whose answer was lost; a refused one
            // would be refused again. The notice itself went out (or failed) either way.
            Diag.debug(e.getWriteErrors().size() + " notices not stored: " + e.getWriteErrors().get(0).getMessage());
        }
    }

    @Override
    public boolean allowNotice(String id, String channel, Date window, String notice, int perWindow) {
        // Upsert on a filter that an existing window no longer matches is a duplicate key: held
        // back. The first try's duplicate key may also be two JVMs creating the window at once.
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.lt("sent", perWindow), Filters.ne("notices", notice));
        Bson update = Updates.combine(Updates.inc("sent", 1), Updates.push("notices", notice), windowFields(channel, window));
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                collection(Collections.NOTICE_LIMITS).updateOne(filter, update, new UpdateOptions().upsert(true));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return false;
    }

    @Override
    public void holdBackNotice(String id, String channel, Date window, String fingerprint, long occurrences) {
        Bson update = Updates.combine(Updates.inc("held_back", 1), Updates.inc("occurrences", occurrences),
                Updates.addToSet("held_groups", fingerprint), windowFields(channel, window));
        try {
            collection(Collections.NOTICE_LIMITS).updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Created by another JVM at the same moment (a server before 4.2 does not retry it).
            collection(Collections.NOTICE_LIMITS).updateOne(Filters.eq("_id", id), update);
        }
    }

    private static Bson windowFields(String channel, Date window) {
        return Updates.setOnInsert(new Document("channel", channel).append("window", window)
                .append("expires_at", new Date(window.getTime() + TimeUnit.MINUTES.toMillis(70))));
    }

    @Override
    public Document takeDigest(String id) {
        return collection(Collections.NOTICE_LIMITS).findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.gt("held_back", 0)),
                Updates.combine(Updates.set("held_back", 0), Updates.set("occurrences", 0),
                        Updates.set("held_groups", new ArrayList<String>())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
    }

    @Override
    public void writeHealth(Document health) {
        Object seq = health.get("report_seq");
        Document filter = new Document("_id", health.get("_id"));
        if (seq != null) {
            // Only over an earlier report of the run: a write given up at exit that MongoDB
            // applies after the last report, or a report replayed from a spool after a later one
            // was stored, must not bring an older state back.
            filter.append("report_seq", new Document("$lt", seq));
        }
        try {
            collection(Collections.AGENT_HEALTH).replaceOne(filter, health, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The upsert found the run's document with a later report (its _id is taken): kept.
            if (seq == null || e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    public java.util.Set<String> migrateGroups(java.util.Map<String, String> pairs, int version) {
        java.util.Set<String> settled = new java.util.HashSet<String>(pairs.keySet());
        MongoCollection<Document> groups = collection(Collections.ERROR_GROUPS);
        dev.faultline.query.Groups merge = new dev.faultline.query.Groups(dev.faultline.query.Database.over(database));
        for (Document old : groups.find(com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.in("_id", pairs.keySet()),
                com.mongodb.client.model.Filters.lt("grouping_version", version),
                com.mongodb.client.model.Filters.eq("merged_into", null))).projection(com.mongodb.client.model.Projections.include("_id"))) {
            String previous = old.getString("_id");
            try {
                if (merge.mergeUnlessMerged(previous, pairs.get(previous), "grouping_version " + version) == null) {
                    settled.remove(previous);
                }
            } catch (dev.faultline.query.InvalidParameter e) {
                // current is merged into previous by hand: people chose, leave it
            }
        }
        return settled;
    }

    @Override
    public List<Document> groupingRules() {
        return collection(Collections.GROUPING_RULES).find()
                .sort(com.mongodb.client.model.Sorts.ascending("created_at", "_id")).into(new ArrayList<Document>());
    }

    @Override
    public List<Document> mergedGroups() {
        return collection(Collections.ERROR_GROUPS).find(com.mongodb.client.model.Filters.ne("merged_into", null))
                .projection(com.mongodb.client.model.Projections.include("merged_into", "merged_at", dev.faultline.query.Groups.MERGE_PENDING))
                .into(new ArrayList<Document>());
    }

    @Override
    public void finishMerges(java.util.Collection<String> sources) {
        new dev.faultline.query.Groups(dev.faultline.query.Database.over(database)).finishMerges(sources);
    }

    @Override
    public List<Document> codes(Document filter) {
        return collection(Collections.ERROR_CODES).find(filter).into(new ArrayList<Document>());
    }

    /**
     * The indexes of {@link IndexPlan}. A server that refuses or ignores one (the in-process test
     * server ignores secondary and TTL indexes) is noted at debug level and skipped.
     */
    @Override
    public void ensureIndexes(Duration retention) {
        // One createIndexes command per collection, not one per index: the first connection is
        // also a short run's exit, where each round trip delays storing its errors.
        java.util.Map<String, List<com.mongodb.client.model.IndexModel>> byCollection =
                new java.util.LinkedHashMap<String, List<com.mongodb.client.model.IndexModel>>();
        for (IndexPlan.Index index : IndexPlan.of(retention)) {
            IndexOptions options = new IndexOptions().sparse(index.sparse).unique(index.unique);
            if (index.expireAfterSeconds >= 0) {
                options.name("timestamp_ttl").expireAfter(index.expireAfterSeconds, TimeUnit.SECONDS);
            }
            byCollection.computeIfAbsent(index.collection, c -> new ArrayList<com.mongodb.client.model.IndexModel>())
                    .add(new com.mongodb.client.model.IndexModel(index.keys, options));
        }
        for (java.util.Map.Entry<String, List<com.mongodb.client.model.IndexModel>> e : byCollection.entrySet()) {
            MongoCollection<Document> collection = collection(e.getKey());
            try {
                collection.createIndexes(e.getValue());
            } catch (MongoTimeoutException | MongoSocketException | com.mongodb.MongoSecurityException unreachable) {
                throw unreachable;
            } catch (RuntimeException refused) {
                // One refused index fails the whole command: each alone, so that the others are made.
                for (com.mongodb.client.model.IndexModel model : e.getValue()) {
                    index(collection, model.getKeys(), model.getOptions());
                }
            }
        }
    }

    private static void index(MongoCollection<Document> collection, Bson keys, IndexOptions options) {
        try {
            collection.createIndex(keys, options);
        } catch (MongoTimeoutException | MongoSocketException | com.mongodb.MongoSecurityException unreachable) {
            // Not about this index: MongoDB is away, or refuses the URI's credentials (each index
            // tried alone took the whole shutdown.timeout of a user's trial, and said nothing). The
            // caller retries the whole start later.
            throw unreachable;
        } catch (RuntimeException e) {
            Diag.debug("index " + keys + " on " + collection.getNamespace().getCollectionName() + " not created: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

package dev.faultline.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import dev.faultline.core.Diag;
import dev.faultline.pipeline.AppliedOnce;
import dev.faultline.pipeline.GroupDelta;
import dev.faultline.store.spool.SpoolRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;

/**
 * Counts that wait in memory for MongoDB ({@code error_groups} increments, {@code error_codes}
 * writes) as spool records of their own, and their replay, applied once (docs/SCHEMA.md,
 * "Counts in the spool"). A record is {@code {c: "error_groups" | "error_codes", d: {_id: <agent-made
 * id>, writes: [{filter, update, upsert}]}}}. On replay, write {@code i} of record {@code id}
 * is sent as one update whose filter also requires that {@code applied_spool_ids} lacks
 * {@code "<id>/<i>"} and whose update pushes it there ({@link AppliedOnce}): one atomic update
 * per write, so a record replayed twice, or by two JVMs at once, counts once.
 */
final class SpooledCounts {
    private static final DocumentCodec CODEC = new DocumentCodec();

    private SpooledCounts() {
    }

    /** One record per group increment (its count update and its severity), in order. */
    static List<SpoolRecord> groups(List<GroupDelta> deltas) {
        List<SpoolRecord> records = new ArrayList<SpoolRecord>(deltas.size());
        for (GroupDelta delta : deltas) {
            List<WriteModel<Document>> writes = new ArrayList<WriteModel<Document>>(2);
            // The count's id is the record's: a count the writer was sending when it was spooled applies once either way.
            String id = delta.onceId();
            writes.add(new UpdateOneModel<Document>(delta.id(), delta.countUpdate(),
                    new com.mongodb.client.model.UpdateOptions().upsert(!delta.merged)));
            if (!delta.merged) {
                writes.add(delta.severityUpdate());
            }
            records.add(record(id, Collections.ERROR_GROUPS, writes));
        }
        return records;
    }

    /** The pending {@code error_codes} writes as one record: they are applied in order. */
    static SpoolRecord codes(List<WriteModel<Document>> writes) {
        return record(UUID.randomUUID().toString(), Collections.ERROR_CODES, writes);
    }

    private static SpoolRecord record(String id, String collection, List<WriteModel<Document>> writes) {
        List<Document> out = new ArrayList<Document>(writes.size());
        for (WriteModel<Document> w : writes) {
            UpdateOneModel<Document> u = (UpdateOneModel<Document>) w;
            out.add(new Document("filter", document(u.getFilter())).append("update", document(u.getUpdate()))
                    .append("upsert", u.getOptions().isUpsert()));
        }
        return new SpoolRecord(collection, new Document("_id", id).append("writes", out));
    }

    /** Whether {@code r} is a spooled count (not an occurrence or a report). */
    static boolean isCount(SpoolRecord r) {
        return Collections.ERROR_GROUPS.equals(r.collection) || Collections.ERROR_CODES.equals(r.collection);
    }

    /**
     * Applies the writes of spooled counts ({@link #isCount}), each once, those of consecutive
     * records of one collection in one call; returns how many were applied now (the others were
     * applied before, or their filter matched nothing). Throws when MongoDB fails; a write it
     * refuses is skipped and said ({@link #refused}).
     */
    static int apply(Database db, List<SpoolRecord> records) {
        return apply(db, records, java.util.Collections.<String>emptySet(), id -> { });
    }

    /**
     * The ids of the writes of the group counts among {@code records} that their groups hold
     * already, read before any of them is applied: a group keeps only the last {@link
     * AppliedOnce#KEPT} ids, so the replay's own writes could push out the id of a later record
     * that MongoDB applied before (the count a writer was sending when it was spooled, applied
     * after its exit gave the call up: a storm's exit counted 5004 twice).
     */
    static java.util.Set<String> appliedBefore(Database db, List<SpoolRecord> records) {
        java.util.Set<Object> groups = new java.util.LinkedHashSet<Object>();
        for (SpoolRecord r : records) {
            if (!Collections.ERROR_GROUPS.equals(r.collection) || !(r.document().get("writes") instanceof List)) {
                continue;
            }
            for (Object w : (List<?>) r.document().get("writes")) {
                if (w instanceof Document && ((Document) w).get("filter") instanceof Document) {
                    Object id = ((Document) ((Document) w).get("filter")).get("_id");
                    if (id != null) {
                        groups.add(id);
                    }
                }
            }
        }
        return groups.isEmpty() ? java.util.Collections.<String>emptySet() : db.appliedIds(Collections.ERROR_GROUPS, groups);
    }

    /**
     * {@link #apply(Database, List)}, leaving out the writes whose ids are in {@code appliedBefore},
     * the {@code _id} of each group these writes created given to {@code createdGroups}.
     */
    static int apply(Database db, List<SpoolRecord> records, java.util.Set<String> appliedBefore,
            java.util.function.Consumer<Object> createdGroups) {
        int applied = 0;
        List<UpdateOneModel<Document>> run = new ArrayList<UpdateOneModel<Document>>();
        String collection = null;
        for (SpoolRecord r : records) {
            if (collection != null && !collection.equals(r.collection) && !run.isEmpty()) {
                applied += applyRun(db, collection, run, createdGroups);
                run = new ArrayList<UpdateOneModel<Document>>();
            }
            collection = r.collection;
            writes(r, run, appliedBefore);
        }
        if (!run.isEmpty()) {
            applied += applyRun(db, collection, run, createdGroups);
        }
        return applied;
    }

    private static int applyRun(Database db, String collection, List<UpdateOneModel<Document>> run,
            java.util.function.Consumer<Object> createdGroups) {
        return Collections.ERROR_GROUPS.equals(collection) ? db.applyOnce(collection, run, createdGroups) : db.applyOnce(collection, run);
    }

    /**
     * What the alerts are told of a group a spooled count created ({@code group}: its document, with
     * the occurrence its {@code last_error_id} names under {@code last_error} when stored): a
     * created group as {@code GroupDelta#change} makes it for a live write.
     */
    static dev.faultline.alert.GroupChange created(Document group) {
        Document last = group.get("last_error") instanceof Document ? (Document) group.get("last_error") : new Document();
        List<?> services = group.get("services") instanceof List ? (List<?>) group.get("services") : java.util.Collections.emptyList();
        String service = last.getString("service") != null ? last.getString("service")
                : services.isEmpty() ? null : String.valueOf(services.get(0));
        Object count = group.get("count");
        Object severityNum = group.get("severity_num");
        return new dev.faultline.alert.GroupChange(String.valueOf(group.get("_id")), group.getString("title"),
                group.getString("exception_type"), group.getString("app"), service, last.getString("environment"),
                last.getString("release"), severityNum instanceof Number ? ((Number) severityNum).intValue() : 0,
                group.getString("severity"), true, false, false, 0,
                count instanceof Number ? ((Number) count).longValue() : 0, null, null, null,
                last.get("error_code") != null || last.get(dev.faultline.capture.RecordFactory.CLEARS_CODE) != null);
    }

    /** A write of a spooled count MongoDB refused: resending it would not help, so it is skipped. */
    static void refused(String collection, com.mongodb.MongoException e) {
        Diag.warnRateLimited("spooled_count_rejected", "a spooled " + collection + " count was rejected by MongoDB: " + e.getMessage());
    }

    /** The writes of spooled count {@code r}, each made to apply once, added to {@code out}. */
    @SuppressWarnings("unchecked")
    private static void writes(SpoolRecord r, List<UpdateOneModel<Document>> out, java.util.Set<String> appliedBefore) {
        String id = r.document().getString("_id");
        Object writes = r.document().get("writes");
        if (id == null || !(writes instanceof List)) {
            return;
        }
        int i = 0;
        for (Object o : (List<Object>) writes) {
            String once = AppliedOnce.id(id, i++);
            if (!(o instanceof Document) || appliedBefore.contains(once)) {
                continue;
            }
            Document w = (Document) o;
            // Beside the write's own conditions, so that an upsert's equality on _id still makes the document.
            Document filter = new Document((Document) w.get("filter")).append(AppliedOnce.FIELD, AppliedOnce.notApplied(once));
            Document update = new Document((Document) w.get("update"));
            Document push = update.get("$push") instanceof Document ? new Document((Document) update.get("$push")) : new Document();
            push.append(AppliedOnce.FIELD, AppliedOnce.pushed(once));
            update.put("$push", push);
            out.add(new UpdateOneModel<Document>(filter, update, new com.mongodb.client.model.UpdateOptions().upsert(Boolean.TRUE.equals(w.get("upsert")))));
        }
    }

    private static Document document(Bson bson) {
        BsonDocument b = bson.toBsonDocument(Document.class, MongoClientSettings.getDefaultCodecRegistry());
        return CODEC.decode(new BsonDocumentReader(b), DecoderContext.builder().build());
    }
}

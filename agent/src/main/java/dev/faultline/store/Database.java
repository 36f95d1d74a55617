package dev.faultline.store;

import com.mongodb.client.model.WriteModel;
import dev.faultline.alert.AlertStore;
import dev.faultline.capture.Occurrence;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What the writer needs of MongoDB, in the writer's terms: {@link MongoStore} is the real one,
 * unit tests give their own. Every method may throw a RuntimeException when MongoDB cannot be
 * reached or does not answer in time; per-document rejections are answers, not exceptions.
 */
interface Database extends AlertStore, dev.faultline.codes.CodeStore, AutoCloseable {
    /** Opens a connection; called again after a failure, with backoff. */
    interface Opener {
        Database open(Health health);
    }

    /** What MongoDB answered to one batch of inserts. */
    final class Inserted {
        /** Stored now, or stored by an earlier attempt whose answer was lost (duplicate {@code _id}). */
        final int stored;
        /** Positions in the batch MongoDB refused for another reason (resending will not help). */
        final Set<Integer> rejected;
        /** The first rejection's message, or null. */
        final String firstError;
        /** Positions (part of {@link #stored}) already stored by an earlier attempt: not counted in their group again. */
        final Set<Integer> duplicates;

        Inserted(int stored, Set<Integer> rejected, String firstError) {
            this(stored, rejected, firstError, java.util.Collections.<Integer>emptySet());
        }

        Inserted(int stored, Set<Integer> rejected, String firstError, Set<Integer> duplicates) {
            this.stored = stored;
            this.rejected = rejected;
            this.firstError = firstError;
            this.duplicates = duplicates;
        }
    }

    /**
     * What the driver's monitor last heard from MongoDB, without asking it: null before its first
     * heartbeat, then whether it answered. The writer does not call MongoDB while this is false,
     * so that an outage costs it no waiting (records go to the spool instead).
     */
    default Boolean answering() {
        return Boolean.TRUE;
    }

    void ensureIndexes(Duration retention);

    /** Inserts occurrences, unordered. */
    Inserted insertOccurrences(List<Document> occurrences);

    /**
     * Inserts finished occurrences, unordered (the writer calls this on {@code faultline-insert},
     * {@link InsertInFlight}). MongoDB's store sends {@code encoded[i]}, when not null, as the BSON
     * of occurrence {@code i} (made by the spool already) instead of encoding its document again;
     * others insert the documents ({@link #insertRecords(List)}).
     */
    default Inserted insertRecords(List<Occurrence> occurrences, org.bson.RawBsonDocument[] encoded) {
        List<Document> documents = new java.util.ArrayList<Document>(occurrences.size());
        for (int i = 0; i < occurrences.size(); i++) {
            // An occurrence read back from the spool holds a summary: its whole record is the BSON.
            documents.add(encoded != null && encoded[i] != null ? encoded[i].decode(new org.bson.codecs.DocumentCodec())
                    : occurrences.get(i).document);
        }
        return insertOccurrences(documents);
    }

    /** Inserts finished occurrences, unordered: their documents go to {@link #insertOccurrences}. */
    default Inserted insertRecords(List<Occurrence> occurrences) {
        List<Document> documents = new java.util.ArrayList<Document>(occurrences.size());
        for (Occurrence o : occurrences) {
            documents.add(o.document);
        }
        return insertOccurrences(documents);
    }

    /** Unordered writes to {@code error_groups}; returns the positions that were refused. */
    Set<Integer> writeGroups(List<WriteModel<Document>> writes);

    /**
     * One atomic findOneAndUpdate on {@code error_groups} (upsert): the document as it was before,
     * or null when this update created it. A refusal of this one document is a
     * {@link com.mongodb.MongoServerException} other than a timeout or lost connection.
     */
    Document countGroup(Bson filter, Bson update);

    /** One filtered update on {@code error_groups}: whether it matched a document. */
    boolean updateGroup(Bson filter, Bson update);

    /**
     * One update of a spooled count ({@link SpooledCounts}) on {@code collection}, whose filter
     * excludes the documents it was applied to already: true when it was applied now. With
     * {@code upsert}, a duplicate key is a document that exists (made by another writer meanwhile,
     * or holding this write already): the update is sent once more, and a second duplicate key
     * means it was applied before. A refusal is a {@link com.mongodb.MongoServerException}.
     */
    boolean applyOnce(String collection, Bson filter, Bson update, boolean upsert);

    /**
     * {@link #applyOnce} of each of {@code writes} on {@code collection}, in order; returns how many
     * were applied now. A write MongoDB refuses (other than a duplicate key) is skipped and said;
     * what follows it is still applied. Throws when MongoDB fails. MongoDB's store sends them as
     * one ordered bulk write (one round trip for a chunk of a spool, not one per write).
     */
    default int applyOnce(String collection, List<com.mongodb.client.model.UpdateOneModel<Document>> writes) {
        int applied = 0;
        for (com.mongodb.client.model.UpdateOneModel<Document> w : writes) {
            try {
                if (applyOnce(collection, w.getFilter(), w.getUpdate(), w.getOptions().isUpsert())) {
                    applied++;
                }
            } catch (com.mongodb.MongoServerException e) {
                if (GroupWriter.worthRetrying(e)) {
                    throw e;
                }
                SpooledCounts.refused(collection, e);
            }
        }
        return applied;
    }

    /**
     * {@link #applyOnce(String, List)}, and the {@code _id} of each document an upsert among
     * {@code writes} inserted given to {@code inserted} (a spooled count that created its group:
     * its {@code new_group} notice). A store that cannot tell gives none.
     */
    default int applyOnce(String collection, List<com.mongodb.client.model.UpdateOneModel<Document>> writes,
            java.util.function.Consumer<Object> inserted) {
        return applyOnce(collection, writes);
    }

    /**
     * The {@code error_groups} documents with the {@code _id}s {@code ids}, each with the
     * {@code app_errors} document its {@code last_error_id} names under {@code last_error} (when
     * stored): what a notice of a group created by a spooled count says.
     */
    default List<Document> groupsWithLastError(java.util.Collection<Object> ids) {
        return java.util.Collections.emptyList();
    }

    /**
     * The count ids ({@code applied_spool_ids}, {@code pipeline.AppliedOnce}) that the documents
     * of {@code collection} with the {@code _id}s {@code ids} hold now; empty when none (or the
     * store keeps none).
     */
    default java.util.Set<String> appliedIds(String collection, java.util.Collection<Object> ids) {
        return java.util.Collections.emptySet();
    }

    /** Replaces this JVM's {@code agent_health} document. */
    void writeHealth(Document health);

    /**
     * The {@code error_groups} merged into another: {@code _id}, {@code merged_into}, {@code
     * merged_at} and, for a merge not finished, {@code merge_pending} only.
     */
    List<Document> mergedGroups();

    /** Finishes the merges of {@code sources} left unfinished (the query layer's {@code Groups.finishMerges}). */
    void finishMerges(java.util.Collection<String> sources);

    /**
     * Merges each group of an older grouping_version in {@code pairs} (previous -> current) into its
     * current group with the merge of the query layer (GROUPING.md, grouping_version). Returns the
     * previous groups settled: merged, or nothing to do (no such group, already merged, not older;
     * found for all pairs in one query, as most of them are); a pair whose current group is not
     * written yet is not settled.
     */
    java.util.Set<String> migrateGroups(java.util.Map<String, String> pairs, int version);

    /** The {@code grouping_rules}, oldest first. */
    List<Document> groupingRules();

    /** The {@code error_codes} documents matching {@code filter} (equality on each field). */
    List<Document> codes(Document filter);

    @Override
    void close();
}

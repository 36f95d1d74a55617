package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.faultline.pipeline.AppliedOnce;
import dev.faultline.pipeline.GroupDelta;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Merging a group into another and undoing it (GROUPING.md, "Merging groups"), resumable. A merge
 * is several writes: the claim of the source, its children re-pointed, the source's and the
 * target's counts, the occurrences moved. A process stopped between them (a kill -9, a CLI
 * interrupted, an agent's migration cut off at exit) left a group marked merged whose count and
 * occurrences never moved, for good. Now the claim marks the source {@link #PENDING}, with the
 * numbers the merge moves written next to it, and every step is idempotent: the children's and
 * occurrences' moves by their filters, the source's count by a flag in {@link #PENDING}, the
 * target's by {@link AppliedOnce} with the merge's own id. Whoever finds a pending merge
 * finishes it ({@link #finish}): the next merge or unmerge of the group, and the agents' writers,
 * which read the merged groups every 10 s; several at once move each count once.
 */
final class GroupMerges {
    /** On a source whose merge is not finished: {@code {count, children, at}} (or {@code true} just after the claim). */
    static final String PENDING = Groups.MERGE_PENDING;

    private final Database db;

    GroupMerges(Database db) {
        this.db = db;
    }

    Document merge(String source, String target, String by, boolean remerge) {
        if (source.equals(target)) {
            throw new InvalidParameter("into", "another group: a group cannot be merged into itself");
        }
        Document from = group(source);
        Document into = group(target);
        if (from == null || into == null) {
            return null;
        }
        if (into.get(Groups.MERGED_INTO) != null) {
            target = into.getString(Groups.MERGED_INTO);
            into = group(target);
            if (into == null) {
                return null;
            }
        }
        if (source.equals(target)) {
            throw new InvalidParameter("into", "another group than the one merged (it is merged into this one already)");
        }
        if (from.get(Groups.MERGED_INTO) != null) {
            if (!remerge) {
                return new Document("group", source).append(Groups.MERGED_INTO, from.get(Groups.MERGED_INTO))
                        .append("occurrences_moved", from.get(PENDING) == null ? 0L : finish(source));
            }
            unmerge(source);
        }
        // The claim: only one of merges racing on this source goes on; the count it moves is the
        // one the claim saw.
        Date at = new Date();
        from = db.groups().findOneAndUpdate(Filters.and(Filters.eq("_id", source), Filters.eq(Groups.MERGED_INTO, null)),
                Updates.combine(Updates.set(Groups.MERGED_INTO, target), Updates.set("merged_by", by), Updates.set("merged_at", at),
                        Updates.set(PENDING, true)));
        if (from == null) {
            Document now = group(source);
            return now == null ? null
                    : new Document("group", source).append(Groups.MERGED_INTO, now.get(Groups.MERGED_INTO)).append("occurrences_moved", 0L);
        }
        noteNumbers(source, count(from));
        return new Document("group", source).append(Groups.MERGED_INTO, target).append("occurrences_moved", finish(source));
    }

    /**
     * Finishes the pending merge of {@code source}, whatever part of it was done; does nothing
     * for a group without one.
     *
     * @return the occurrences this call moved
     */
    long finish(String source) {
        Document from = group(source);
        if (from == null || from.get(PENDING) == null || from.getString(Groups.MERGED_INTO) == null) {
            return 0;
        }
        if (!(from.get(PENDING) instanceof Document)) {
            // Stopped right after the claim: the numbers as they are now.
            noteNumbers(source, count(from));
            from = group(source);
            if (from == null || !(from.get(PENDING) instanceof Document)) {
                return 0;
            }
        }
        String target = from.getString(Groups.MERGED_INTO);
        Document pending = (Document) from.get(PENDING);
        long count = number(pending.get("count"));
        long children = number(pending.get("children"));
        // Groups merged into the source now point at the target; the source keeps its own count only.
        db.groups().updateMany(Filters.eq(Groups.MERGED_INTO, source), Updates.set(Groups.MERGED_INTO, target));
        // What the target gets from the source itself, set (not added to): a count left by agents
        // that went on storing into the target after an earlier unmerge must not carry over.
        db.groups().updateOne(Filters.and(Filters.eq("_id", source), Filters.ne(PENDING + ".source_done", true)),
                Updates.combine(Updates.inc("count", -children), Updates.set(GroupDelta.MERGED_COUNT, count - children),
                        Updates.set(PENDING + ".source_done", true)));
        String once = AppliedOnce.id("merge/" + source + "/" + ((Date) from.get("merged_at")).getTime(), 0);
        List<Bson> grow = new ArrayList<>(List.of(Updates.inc("count", count),
                Updates.pushEach(AppliedOnce.FIELD, List.of(once), new com.mongodb.client.model.PushOptions().slice(-AppliedOnce.KEPT))));
        if (from.get("first_seen") != null) {
            grow.add(Updates.min("first_seen", from.get("first_seen")));
        }
        if (from.get("last_seen") != null) {
            grow.add(Updates.max("last_seen", from.get("last_seen")));
        }
        db.groups().updateOne(Filters.and(Filters.eq("_id", target), Filters.ne(AppliedOnce.FIELD, once)), Updates.combine(grow));
        db.errors().updateMany(Filters.and(Filters.eq("fingerprint", source), Filters.eq(Groups.ORIGINAL_FINGERPRINT, null)),
                Updates.set(Groups.ORIGINAL_FINGERPRINT, source));
        long moved = db.errors().updateMany(Filters.eq("fingerprint", source), Updates.set("fingerprint", target)).getModifiedCount();
        db.groups().updateOne(Filters.eq("_id", source), Updates.unset(PENDING));
        return moved;
    }

    /**
     * Writes what the merge moves next to the claim: the source's count as claimed and what the
     * groups merged into it gave it. Only over the claim's bare mark, so that of finishers racing
     * the first one's numbers stand.
     */
    private void noteNumbers(String source, long count) {
        long children = 0;
        for (Document child : db.groups().find(Filters.eq(Groups.MERGED_INTO, source)).into(new ArrayList<>())) {
            children += mergedCount(child);
        }
        db.groups().updateOne(Filters.and(Filters.eq("_id", source), Filters.eq(PENDING, true)),
                Updates.set(PENDING, new Document("count", count).append("children", children)));
    }

    /**
     * Undoes {@link #merge}: the group's occurrences (those stored while it was merged too) come
     * back, and the target's count shrinks by the group's. Null when there is no such group. Of
     * unmerges racing on one group, one takes the count back (a filtered update claims it). A
     * merge left unfinished is finished first, so that what is taken back was given.
     *
     * @throws InvalidParameter when the group is not merged
     */
    Document unmerge(String source) {
        finish(source);
        Document from = db.groups().findOneAndUpdate(Filters.and(Filters.eq("_id", source), Filters.ne(Groups.MERGED_INTO, null)),
                Updates.combine(Updates.unset(Groups.MERGED_INTO), Updates.unset("merged_by"), Updates.unset("merged_at"),
                        Updates.unset(GroupDelta.MERGED_COUNT)));
        if (from == null) {
            if (db.groups().countDocuments(Filters.eq("_id", source)) == 0) {
                return null;
            }
            throw new InvalidParameter("group", "a group merged into another");
        }
        String target = from.getString(Groups.MERGED_INTO);
        db.groups().updateOne(Filters.eq("_id", target), Updates.inc("count", -mergedCount(from)));
        long moved = db.errors().updateMany(Filters.eq(Groups.ORIGINAL_FINGERPRINT, source),
                Updates.combine(Updates.set("fingerprint", source), Updates.unset(Groups.ORIGINAL_FINGERPRINT))).getModifiedCount();
        return new Document("group", source).append(Groups.MERGED_INTO, null).append("unmerged_from", target)
                .append("occurrences_moved", moved);
    }

    private Document group(String id) {
        return db.groups().find(Filters.eq("_id", id)).first();
    }

    /**
     * What a merged group gave its target: {@code merged_count}, which leaves out occurrences
     * that agents stored in the group before they learned of the merge (counted here, not in the
     * target); a group merged before the field existed gave its whole count.
     */
    private static long mergedCount(Document group) {
        Object n = group.get(GroupDelta.MERGED_COUNT);
        return n instanceof Number ? ((Number) n).longValue() : count(group);
    }

    private static long count(Document group) {
        return number(group.get("count"));
    }

    private static long number(Object n) {
        return n instanceof Number ? ((Number) n).longValue() : 0;
    }
}

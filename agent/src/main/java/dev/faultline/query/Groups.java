package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.faultline.pipeline.GroupDelta;
import dev.faultline.pipeline.Releases;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code error_groups}: list (with each group's daily trend), detail (with its latest
 * occurrences), and the group level of resolution (issue 4, item 2). Resolving a group also marks
 * its occurrences resolved; a later occurrence reopens the group (the writer's job, not ours).
 */
public final class Groups implements Lookup {
    /** Occurrences shown with a group; their bulky fields stay out (read them one by one). */
    public static final int LATEST = 20;
    /** On a group merged into another: the target's fingerprint. */
    public static final String MERGED_INTO = "merged_into";
    /** On a group whose merge is not finished (a process stopped in the middle): see {@link GroupMerges}. */
    public static final String MERGE_PENDING = "merge_pending";
    /** On an occurrence moved by a merge (or stored while its group was merged): its own fingerprint. */
    public static final String ORIGINAL_FINGERPRINT = "original_fingerprint";
    /** Occurrences per service read to find the newest release ("in the next release"). */
    static final int RELEASES_READ = 1000;
    private static final Bson SUMMARY = Projections.exclude("exception", "data");
    /** A group as shown: without the ids of the counts applied to it (bookkeeping, up to 64). */
    private static final Bson SHOWN = Projections.exclude(dev.faultline.pipeline.AppliedOnce.FIELD);

    private final Database db;

    public Groups(Database db) {
        this.db = db;
    }

    public Page list(GroupQuery q) {
        List<Document> results = db.groups().find(q.filter).projection(SHOWN).sort(q.sort)
                .skip(q.page.skip()).limit(q.page.size).into(new ArrayList<>());
        List<String> ids = new ArrayList<>();
        for (Document g : results) {
            ids.add(String.valueOf(g.get("_id")));
        }
        Map<String, List<Integer>> trends = Trend.daily(db, ids, today());
        for (Document g : results) {
            g.append("trend", trends.get(String.valueOf(g.get("_id"))));
        }
        return new Page(results, Counts.of(db.groups(), q.filter), q.page);
    }

    /**
     * The group with {@code trend}, its {@code occurrences} (latest first) and {@code top_values}
     * (the most frequent values of each context key among them), or null.
     */
    @Override
    public Document find(String fingerprint) {
        Document group = db.groups().find(Filters.eq("_id", fingerprint)).projection(SHOWN).first();
        if (group == null) {
            return null;
        }
        List<Document> latest = db.errors().find(Filters.eq("fingerprint", fingerprint)).projection(SUMMARY)
                .sort(Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("_id"))).limit(LATEST)
                .into(new ArrayList<>());
        group.append("trend", Trend.daily(db, Collections.singletonList(fingerprint), today()).get(fingerprint));
        group.append("occurrences", latest);
        group.append("top_values", TopValues.of(db, fingerprint));
        return group;
    }

    /** Marks the group and every occurrence recorded so far resolved. Null when there is no such group. */
    public Resolution resolve(String fingerprint, String by) {
        return resolve(fingerprint, by, null, false);
    }

    /**
     * Marks the group and every occurrence recorded so far resolved; with {@code inRelease}, in
     * that release (an occurrence from an older one does not reopen it); with {@code nextRelease},
     * in the release after the newest seen for the group's services (one from that release or an
     * older one does not). Null when there is no such group.
     *
     * @throws InvalidParameter for the next release when no occurrence of its services has a release
     */
    public Resolution resolve(String fingerprint, String by, String inRelease, boolean nextRelease) {
        String after = null;
        if (nextRelease) {
            Document group = db.groups().find(Filters.eq("_id", fingerprint)).first();
            if (group == null) {
                return null;
            }
            after = Releases.newest(releasesSeen(fingerprint, group.getList("services", String.class)));
            if (after == null) {
                throw new InvalidParameter("in_next_release", "a group whose service has occurrences with a release");
            }
        }
        Date now = new Date();
        Bson update = Updates.combine(Updates.set("status", GroupQuery.RESOLVED), Updates.set("resolved_by", by),
                Updates.set("resolved_timestamp", now), Updates.set(GroupDelta.RESOLVED_IN_RELEASE, inRelease),
                Updates.set(GroupDelta.RESOLVED_AFTER_RELEASE, after), Snoozes.END);
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), update).getMatchedCount() == 0) {
            return null;
        }
        // Only occurrences up to now: one arriving meanwhile is a regression and must stay open.
        long marked = db.errors().updateMany(
                Filters.and(Filters.eq("fingerprint", fingerprint), Filters.ne("resolved", true), Filters.lte("timestamp", now)),
                Updates.combine(Updates.set("resolved", true), Updates.set("resolved_by", by), Updates.set("resolved_timestamp", now)))
                .getModifiedCount();
        return new Resolution(GroupQuery.RESOLVED, by, now, marked).inRelease(inRelease, after);
    }

    /**
     * The releases of the latest {@link #RELEASES_READ} occurrences of each of {@code services}
     * (of the group itself when it has none), newest first.
     */
    private List<String> releasesSeen(String fingerprint, List<String> services) {
        List<Bson> filters = new ArrayList<>();
        if (services == null || services.isEmpty()) {
            filters.add(Filters.eq("fingerprint", fingerprint));
        } else {
            for (String service : services) {
                filters.add(Filters.eq("service", service));
            }
        }
        List<String> releases = new ArrayList<>();
        for (Bson filter : filters) {
            for (Document o : db.errors().find(filter).projection(Projections.include("release"))
                    .sort(Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("_id"))).limit(RELEASES_READ)) {
                releases.add(o.getString("release"));
            }
        }
        return releases;
    }

    /** Reopens the group; its occurrences keep their own state. Null when there is no such group. */
    public Resolution unresolve(String fingerprint) {
        return status(fingerprint, GroupQuery.UNRESOLVED);
    }

    /** An ignored group keeps counting but stays out of the unresolved list. Null when there is no such group. */
    public Resolution ignore(String fingerprint) {
        return status(fingerprint, GroupQuery.IGNORED);
    }

    /**
     * Merges group {@code source} into {@code target} (into the target's own target when it is
     * merged itself): the source gets {@code merged_into}, its occurrences (and those of groups
     * merged into it) move to the target keeping {@code original_fingerprint}, the target's count
     * grows by the source's. From then on the writers store new occurrences of the source in the
     * target. A source merged elsewhere is unmerged first. Null when either group does not exist.
     *
     * @throws InvalidParameter when the two are the same group, or the target is merged into the source
     */
    public Document merge(String source, String target, String by) {
        return merge(source, target, by, true);
    }

    /**
     * {@link #merge}, except that a source merged already (by a person, or by another agent's
     * migration a moment ago) is left as it is: the {@code grouping_version} migration, which
     * several agents may try at once. Of merges racing on one source, one wins (a filtered update
     * claims the source); the others answer {@code merged_into} without moving anything.
     */
    public Document mergeUnlessMerged(String source, String target, String by) {
        return merge(source, target, by, false);
    }

    private Document merge(String source, String target, String by, boolean remerge) {
        return new GroupMerges(db).merge(source, target, by, remerge);
    }

    /**
     * Undoes {@link #merge}: the group's occurrences (those stored while it was merged too) come
     * back, and the target's count shrinks by the group's. Null when there is no such group. Of
     * unmerges racing on one group, one takes the count back (a filtered update claims it).
     *
     * @throws InvalidParameter when the group is not merged
     */
    public Document unmerge(String source) {
        return new GroupMerges(db).unmerge(source);
    }

    /**
     * Finishes the merges left unfinished of {@code sources} (a process stopped in the middle of
     * one; {@link GroupMerges}), each once whoever else tries.
     */
    public void finishMerges(java.util.Collection<String> sources) {
        GroupMerges merges = new GroupMerges(db);
        for (String source : sources) {
            merges.finish(source);
        }
    }

    @Override
    public java.util.List<String> matchingIds(String given) {
        return IdPrefix.matching(db.groups(), given);
    }

    private Resolution status(String fingerprint, String status) {
        Bson update = Updates.combine(Updates.set("status", status), Updates.set("resolved_by", null),
                Updates.set("resolved_timestamp", null), Updates.set(GroupDelta.RESOLVED_IN_RELEASE, null),
                Updates.set(GroupDelta.RESOLVED_AFTER_RELEASE, null), Snoozes.END);
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), update).getMatchedCount() == 0) {
            return null;
        }
        return new Resolution(status, null, null, 0);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}

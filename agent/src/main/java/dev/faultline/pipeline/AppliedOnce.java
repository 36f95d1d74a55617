package dev.faultline.pipeline;

import java.util.Collections;
import org.bson.Document;

/**
 * The rule that makes a count write apply once (docs/SCHEMA.md, "Counts in the spool"): write
 * {@code i} of a count with id {@code id} is sent as one update whose filter requires that the
 * document's {@link #FIELD} lacks {@code "<id>/<i>"} and whose update pushes it there, keeping
 * the last {@link #KEPT}; a write repeated after that many others to the same document would
 * count twice. Used by the writer's group counts and by the spooled counts it replays.
 */
public final class AppliedOnce {
    /** The field of a group (or episode) document listing the count writes applied to it. */
    public static final String FIELD = "applied_spool_ids";
    /** How many ids a document keeps. */
    public static final int KEPT = 64;

    private AppliedOnce() {
    }

    /** The id of write {@code write} of the count {@code count}. */
    public static String id(String count, int write) {
        return count + "/" + write;
    }

    /** The filter's condition on {@link #FIELD}: {@code once} not applied yet. */
    public static Document notApplied(String once) {
        return new Document("$ne", once);
    }

    /** The update's {@code $push} of {@link #FIELD}: {@code once}, the last {@link #KEPT} kept. */
    public static Document pushed(String once) {
        return new Document("$each", Collections.singletonList(once)).append("$slice", -KEPT);
    }
}

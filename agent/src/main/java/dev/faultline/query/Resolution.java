package dev.faultline.query;

import java.util.Date;
import org.bson.Document;

/** What a resolve, unresolve or ignore did. */
public final class Resolution {
    /** {@code resolved}, {@code unresolved} or {@code ignored}. */
    public final String status;
    public final String resolvedBy;
    public final Date resolvedTimestamp;
    /** Occurrences marked resolved along with a group; 0 for an occurrence's own change. */
    public final long occurrencesResolved;
    /** For a group resolved in a release: that release, or (in the next release) the newest release then. */
    public String resolvedInRelease;
    public String resolvedAfterRelease;

    Resolution(String status, String resolvedBy, Date resolvedTimestamp, long occurrencesResolved) {
        this.status = status;
        this.resolvedBy = resolvedBy;
        this.resolvedTimestamp = resolvedTimestamp;
        this.occurrencesResolved = occurrencesResolved;
    }

    Resolution inRelease(String in, String after) {
        resolvedInRelease = in;
        resolvedAfterRelease = after;
        return this;
    }

    /** The API's answer: {@code {status, resolved_by, resolved_timestamp}} (+ {@code occurrences_resolved} for a group). */
    public Document toDocument(boolean group) {
        Document d = new Document("status", status).append("resolved_by", resolvedBy).append("resolved_timestamp", resolvedTimestamp);
        if (group) {
            d.append("occurrences_resolved", occurrencesResolved).append("resolved_in_release", resolvedInRelease)
                    .append("resolved_after_release", resolvedAfterRelease);
        }
        return d;
    }
}

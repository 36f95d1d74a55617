package dev.faultline.alert;

/**
 * What MongoDB answered to one group write, made by {@code store.GroupWriter} from the write's own
 * result and nothing else: whether the upsert created the group, whether the filtered "reopen if
 * resolved" update matched, and the count before and after the atomic {@code $inc}. Another JVM
 * writing the same group gets a different answer (the document existed, the group was already
 * reopened, the count already past), which is what makes a notice go out once.
 */
public final class GroupChange {
    public final String fingerprint;
    public final String title;
    public final String exceptionType;
    public final String app;
    public final String service;
    public final String environment;
    public final String release;
    public final int severityNum;
    public final String severity;
    /** The upsert inserted the group document. */
    public final boolean created;
    /** The filtered update reopened a resolved group. */
    public final boolean regressed;
    /** The filtered update ended the group's snooze (its time passed or its count was reached) and reopened it. */
    public final boolean unsnoozed;
    public final long countBefore;
    public final long countAfter;
    /** The group's {@code assignee} before this write, or null. */
    public final String assignee;
    /** The group's {@code status} before this write (null when created). */
    public final String statusBefore;
    /** The group's {@code snoozed_until} before this write, or null. */
    public final java.util.Date snoozedUntil;
    /**
     * The group came from an error code, or from the event that cleared one (a clear logged at
     * ERROR sent "New error" in a user's trial): its notices are the code's own (ERROR_CODES.md).
     */
    public final boolean errorCode;
    /**
     * The newest release this write added to the group's {@code releases} (the document before
     * did not have it: this writer's {@code $addToSet} was the one that added it), or null.
     */
    private String newRelease;
    /**
     * Window length (ms) -> the group's count in the window of this write's newest occurrence
     * before the write's {@code $inc} (the same atomic findOneAndUpdate; ALERTS.md "Within a window").
     * Only the windows of the threshold rules the writer knew of.
     */
    private java.util.Map<Long, Long> inWindowBefore = java.util.Collections.emptyMap();

    public GroupChange(String fingerprint, String title, String exceptionType, String app, String service,
            String environment, String release, int severityNum, String severity, boolean created, boolean regressed,
            boolean unsnoozed, long countBefore, long countAfter, String assignee, String statusBefore, java.util.Date snoozedUntil,
            boolean errorCode) {
        this.fingerprint = fingerprint;
        this.title = title;
        this.exceptionType = exceptionType;
        this.app = app;
        this.service = service;
        this.environment = environment;
        this.release = release;
        this.severityNum = severityNum;
        this.severity = severity;
        this.created = created;
        this.regressed = regressed;
        this.unsnoozed = unsnoozed;
        this.countBefore = countBefore;
        this.countAfter = countAfter;
        this.assignee = assignee;
        this.statusBefore = statusBefore;
        this.snoozedUntil = snoozedUntil;
        this.errorCode = errorCode;
    }

    /** Sets {@link #newRelease()}, and makes it the change's {@code release}. */
    public GroupChange withNewRelease(String release) {
        newRelease = release;
        return this;
    }

    /** Sets the counts in each window before this write, see {@link #inWindowBefore(long)}. */
    public GroupChange withWindows(java.util.Map<Long, Long> countsBefore) {
        inWindowBefore = countsBefore;
        return this;
    }

    /** The count in the {@code windowMillis} window before this write, or -1 when it was not counted. */
    public long inWindowBefore(long windowMillis) {
        Long n = inWindowBefore.get(windowMillis);
        return n == null ? -1 : n;
    }

    public String newRelease() {
        return newRelease;
    }

    /** The release notices name: the new one, else the first occurrence's. */
    public String release() {
        return newRelease != null ? newRelease : release;
    }
}

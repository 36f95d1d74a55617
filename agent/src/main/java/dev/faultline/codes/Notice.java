package dev.faultline.codes;

/** One "new", "re-alert" or "cleared" notice about an error code, made on the writer thread. */
public final class Notice {
    public enum Kind { NEW, RE_ALERT, CLEARED }

    final Kind kind;
    final String code;
    final String message;
    final String clearMessage;
    final long time;
    final long alerts;

    Notice(Kind kind, String code, String message, String clearMessage, long time, long alerts) {
        this.kind = kind;
        this.code = code;
        this.message = message;
        this.clearMessage = clearMessage;
        this.time = time;
        this.alerts = alerts;
    }

    /** The same notice as alert number {@code n}. */
    Notice numbered(long n) {
        return new Notice(kind, code, message, clearMessage, time, n);
    }

    /**
     * The one-line text, for the diagnostic output and the webhook's {@code text}: what happened,
     * the code, {@code where} (the source, e.g. {@code " in witness on box7"}: a channel shared by
     * machines says which one) and the message.
     */
    public String text(String where) {
        switch (kind) {
            case NEW:
                return "New error " + code + where + ": " + message;
            case RE_ALERT:
                return "Error " + code + " still occurring" + where + " (alert " + alerts + "): " + message;
            default:
                return clearMessage + " (" + where.trim() + ")";
        }
    }
}

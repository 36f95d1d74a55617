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

    /** The one-line text, for the diagnostic output and the webhook's {@code text}. */
    public String text() {
        switch (kind) {
            case NEW:
                return "New error " + code + ": " + message;
            case RE_ALERT:
                return "Error " + code + " still occurring (alert " + alerts + "): " + message;
            default:
                return clearMessage;
        }
    }
}

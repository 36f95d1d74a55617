package dev.faultline.codes;

/** "Error code X cleared after 1d 02h 03m 04s original: <first message>". */
final class ClearMessage {
    private ClearMessage() {
    }

    /** Spooled by a JVM that cleared a code without knowing when its episode started (ERROR_CODES.md). */
    static String startUnknown(String code) {
        return "Error code " + code + " cleared (by a run that could not reach MongoDB: the episode's start was not known to it)";
    }

    static String of(String code, long startMillis, long clearedMillis, String original) {
        long seconds = Math.max(0, (clearedMillis - startMillis) / 1000);
        return String.format(java.util.Locale.ROOT, "Error code %s cleared after %dd %02dh %02dm %02ds original: %s", code,
                seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, original == null ? "" : original);
    }
}

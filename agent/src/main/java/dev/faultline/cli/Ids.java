package dev.faultline.cli;

import java.util.List;

/** Turns what a person typed into one id, or a clear usage error. */
final class Ids {
    private Ids() {
    }

    /** Null when nothing matches. */
    static String one(List<String> matches, String given, String what) throws UsageException {
        if (matches.size() > 1) {
            throw new UsageException("\"" + Text.cell(given, 64) + "\" matches more than one " + what + "; type more of it");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }
}

package dev.faultline.cli;

import dev.faultline.query.IdPrefix;
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
        if (matches.isEmpty() && IdPrefix.tooShort(given)) {
            // Not "no such": a beginning this short is not looked up at all.
            throw new UsageException("\"" + Text.cell(given, 64) + "\" is too short to look up: type at least "
                    + IdPrefix.MIN_LENGTH + " characters of the " + what + ("group".equals(what) ? "'s fingerprint" : "'s id"));
        }
        return matches.isEmpty() ? null : matches.get(0);
    }
}

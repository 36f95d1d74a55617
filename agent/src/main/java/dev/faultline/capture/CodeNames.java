package dev.faultline.capture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An error code as Faultline keeps it (ERROR_CODES.md "A code's name"): the application's
 * {@code error_code} (or {@code error_code_clear}) value cut to {@value RecordScrubber#MAX_NAME}
 * characters, marked {@code ... [truncated]} within them, and redacted as a text, so that
 * {@code upstream_down token=abc} is {@code upstream_down token=[REDACTED]} in the record, the episode, its open key, the
 * fingerprint, the notices and the console alike, and a code whose secret changes is still one
 * code.
 *
 * <p>Asked on application threads (the error-code decision): a code seen before is a map look-up
 * ({@link #known} allocates nothing); a code not seen before is redacted there, once, at most
 * {@value RecordScrubber#MAX_NAME} characters of it. Remembers {@value #MAX_KNOWN} codes (not
 * longer ones), then starts again.
 */
public final class CodeNames {
    static final int MAX_KNOWN = 1024;
    /** The mark of a cut name, without a count. */
    private static final String CUT = "... [truncated]";
    /** Codes kept as written, unredacted: for tests of what does not depend on the name. */
    public static final CodeNames AS_WRITTEN = new CodeNames(null);

    private final Supplier<Redactor> making;
    private volatile Redactor redactor;
    private final Map<String, String> known = new ConcurrentHashMap<String, String>();

    /** @param redactor made at the first use (on the thread that needs it first), once */
    public CodeNames(Supplier<Redactor> redactor) {
        this.making = redactor;
    }

    /** The name of {@code code} if it was made before, else null; allocates nothing. */
    public String known(String code) {
        if (making == null) {
            return code;
        }
        return code == null ? null : known.get(code);
    }

    /** The name of {@code code} as kept everywhere; null for null. */
    public String of(String code) {
        if (code == null || making == null) {
            return code;
        }
        String name = known.get(code);
        if (name == null) {
            // Cut without a count of what was cut: the queue may have cut a long value already (EventSize),
            // and the writer's reading must give the name the application thread's gave.
            int room = RecordScrubber.MAX_NAME - CUT.length();
            String cut = code.length() <= RecordScrubber.MAX_NAME ? code : code.substring(0, Safe.cutPoint(code, room)) + CUT;
            name = redactor().text(Safe.clean(cut));
            if (name.length() > RecordScrubber.MAX_NAME) {
                // Masks made it longer: cut again (a mask cut in part shows nothing), within the record's cap of a name.
                name = Safe.clean(name.substring(0, room)) + CUT;
            }
            if (code.length() > RecordScrubber.MAX_NAME) {
                // Not remembered: a map of 1024 such keys would hold megabytes.
                return name;
            }
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.put(code, name);
        }
        return name;
    }

    /** The redactor, made now if it was not yet (the writer's start calls this, so that an application thread rarely does). */
    public Redactor redactor() {
        Redactor r = redactor;
        if (r == null) {
            synchronized (this) {
                r = redactor;
                if (r == null) {
                    r = making.get();
                    redactor = r;
                }
            }
        }
        return r;
    }
}

package dev.faultline.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders release strings for release-aware resolution (ALERTS.md "Resolved in a release").
 * A version is {@code [v]N(.N)*[-pre-release][+build]}: numbers compare as numbers (1.10.0 is
 * newer than 1.9.2), missing parts are 0 (1.2 = 1.2.0), a pre-release is older than its release
 * (2.0.0-rc.1 before 2.0.0) and pre-releases compare as semver says; build metadata is ignored.
 * Any other string (a commit id, a date-like label) is ordered only against an equal string: two
 * releases of which one is not a version are "unknown", and the callers treat unknown as "may be
 * newer", so a regression is never hidden by a guess.
 */
public final class Releases {
    private static final Pattern VERSION = Pattern.compile("[vV]?(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    private Releases() {
    }

    /**
     * Negative when {@code a} is older than {@code b}, 0 when the same, positive when newer; null
     * when unknown (either is null, or not a version and the two differ).
     */
    public static Integer order(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.equals(b)) {
            return 0;
        }
        Matcher x = VERSION.matcher(a.trim());
        Matcher y = VERSION.matcher(b.trim());
        if (!x.matches() || !y.matches()) {
            return null;
        }
        int c = compareNumbers(x.group(1).split("\\."), y.group(1).split("\\."));
        if (c != 0) {
            return c;
        }
        return comparePreRelease(x.group(2), y.group(2));
    }

    /** Whether {@code a} is known to be older than {@code b}. */
    public static boolean older(String a, String b) {
        Integer c = order(a, b);
        return c != null && c < 0;
    }

    /** Whether {@code a} is known to be {@code b} or older. */
    public static boolean notNewer(String a, String b) {
        Integer c = order(a, b);
        return c != null && c <= 0;
    }

    /**
     * The newest of {@code releases} that is a version; when none is, the first one (the callers
     * give them newest occurrence first). Null when there are none.
     */
    public static String newest(List<String> releases) {
        String newest = null;
        for (String r : releases) {
            if (r != null && VERSION.matcher(r.trim()).matches() && (newest == null || older(newest, r))) {
                newest = r;
            }
        }
        if (newest != null) {
            return newest;
        }
        for (String r : releases) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static int compareNumbers(String[] a, String[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int c = compareDigits(i < a.length ? a[i] : "0", i < b.length ? b[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Two runs of digits by value, of any length (no overflow). */
    private static int compareDigits(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }

    /** No pre-release is newer than any; identifiers: numbers by value, below text, text by ASCII. */
    private static int comparePreRelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        List<String> x = parts(a);
        List<String> y = parts(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String p = x.get(i);
            String q = y.get(i);
            boolean pn = p.chars().allMatch(Character::isDigit) && !p.isEmpty();
            boolean qn = q.chars().allMatch(Character::isDigit) && !q.isEmpty();
            int c = pn && qn ? compareDigits(p, q) : pn ? -1 : qn ? 1 : Integer.signum(p.compareTo(q));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<String> parts(String preRelease) {
        List<String> parts = new ArrayList<String>();
        for (String p : preRelease.split("\\.", -1)) {
            parts.add(p);
        }
        return parts;
    }
}

package dev.faultline.config;

/** Hides the password of a MongoDB connection string wherever one is printed. */
public final class MongoUris {
    private static final String HIDDEN = "<hidden>";

    private MongoUris() {
    }

    /**
     * {@code mongodb://bob:s3cret@h1,h2/db} -> {@code mongodb://bob:<hidden>@h1,h2/db}. Anything
     * after the first {@code :} between the scheme and the last {@code @} counts as the password,
     * so even a malformed string does not leak one.
     */
    public static String redact(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        // The last '@' anywhere: a password with an unescaped '/', '?' or '@' still ends there.
        int at = uri.lastIndexOf('@');
        if (at < start) {
            return uri;
        }
        String userInfo = uri.substring(start, at);
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + HIDDEN;
        return uri.substring(0, start) + shown + uri.substring(at);
    }
}

package dev.faultline.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may do what. Reads are open (on a loopback address only to this machine). Changes (POST)
 * need {@code Authorization: Bearer <token>} when the server has a token, and always a JSON
 * content type and, when the browser says where it comes from, our own origin: a page on another
 * site cannot send either without a CORS preflight, which we never grant. On a loopback address
 * the Host header must name loopback too, so a DNS-rebound name cannot read the API.
 */
final class Guard {
    private final byte[] token;
    private final boolean loopbackOnly;

    /** @param token null for none */
    Guard(String token, boolean loopbackOnly) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.loopbackOnly = loopbackOnly;
    }

    void check(Call call) throws HttpError {
        String host = call.header("Host");
        if (loopbackOnly && !isLoopbackHost(host)) {
            throw new HttpError(403, "Forbidden host");
        }
        if (!call.method.equals("POST")) {
            return;
        }
        String origin = call.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            throw new HttpError(403, "Cross-origin request refused");
        }
        String type = call.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new HttpError(415, "Content-Type must be application/json");
        }
        if (token != null && !authorized(call.header("Authorization"))) {
            throw new HttpError(401, "Authentication required");
        }
    }

    boolean hasToken() {
        return token != null;
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time: the answer's timing must not reveal how much of a guess was right.
        return MessageDigest.isEqual(digest(given), digest(token));
    }

    private static byte[] digest(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && portOnly(h.substring(end + 1));
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return (name.equals("localhost") || name.equals("127.0.0.1") || name.endsWith(".localhost"))
                && portOnly(colon < 0 ? "" : h.substring(colon));
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }
}

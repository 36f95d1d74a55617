package dev.faultline.web;

import dev.faultline.query.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The Django REST framework's page shape, {@code {count, next, previous, results}}, where
 * next/previous are absolute URLs with the same parameters and another {@code page} (or null).
 */
final class PageLinks {
    private PageLinks() {
    }

    static Document of(Call call, Page page) throws HttpError {
        return new Document("count", page.count)
                .append("next", page.hasNext() ? link(call, page.request.page + 1) : null)
                .append("previous", page.hasPrevious() ? link(call, page.previousPage()) : null)
                .append("results", page.results);
    }

    private static String link(Call call, int page) throws HttpError {
        Map<String, String> params = new LinkedHashMap<>(call.parameters());
        params.remove("page");
        if (page > 1) {
            params.put("page", String.valueOf(page));
        }
        StringBuilder b = new StringBuilder(base(call)).append(call.exchange.getRequestURI().getRawPath());
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    /** {@code http://<Host>} when the Host header is a plain host[:port]; else the links stay relative. */
    private static String base(Call call) {
        String host = call.header("Host");
        return host != null && host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?") ? "http://" + host : "";
    }

    private static String encode(String s) {
        try {
            return URLEncoder.encode(s, StandardCharsets.UTF_8.name());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError("UTF-8 is always supported", e);
        }
    }
}

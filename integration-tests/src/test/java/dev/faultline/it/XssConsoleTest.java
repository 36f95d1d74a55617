package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Error messages, logger names, context and request paths are text an attacker may choose. Each
 * payload below is stored where the agent would store it, every console view is opened in
 * Chromium, and none may run: no marker variable set, no dialog, no element or handler built from
 * it, and the text shown exactly as stored. The page's CSP would also block inline script; the
 * checks here are on the DOM, so they hold without it.
 */
class XssConsoleTest {
    /** Each sets window.__xss (or opens a dialog) if it ever runs. */
    static final List<String> PAYLOADS = List.of(
            "<script>window.__xss='script'</script>",
            "<img src=x onerror=\"window.__xss='img'\">",
            "<svg onload=\"window.__xss='svg'\"></svg>",
            "\"><iframe src=\"javascript:parent.__xss='iframe'\"></iframe>",
            "<a href=\"javascript:window.__xss='href'\">click me</a>",
            "javascript:window.__xss='scheme'",
            "' onmouseover='window.__xss=\"attr\"' x='",
            "</pre><details open ontoggle=\"window.__xss='details'\">",
            "<input autofocus onfocus=\"window.__xss='focus'\">",
            "<body onload=\"alert('body')\">",
            "{{constructor.constructor('window.__xss=\"template\"')()}}",
            "<style>#main{display:none}</style>",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss='mxss'\">",
            "%3Cscript%3Ewindow.__xss='encoded'%3C/script%3E",
            "\u202e<img src=x onerror=alert(1)>\u0000end");

    /** Anything in #main that a payload could have created: elements we never make, or any event-handler attribute. */
    private static final String INJECTED = "Array.from(document.querySelectorAll('#main *')).filter(function (e) {"
            + " return /^(SCRIPT|IMG|SVG|IFRAME|STYLE|MATH|INPUT|BODY|OBJECT|EMBED)$/i.test(e.tagName) && !e.closest('form.filters')"
            + " || Array.from(e.attributes).some(function (a) { return /^on/i.test(a.name); })"
            + " || (e.tagName === 'A' && !/^#\\//.test(e.getAttribute('href') || '#/'))"
            + " || (e.tagName === 'DETAILS' && e.hasAttribute('open')); }).map(function (e) { return e.outerHTML.slice(0, 120); })";

    @Test
    void noPayloadRunsInAnyViewAndEachIsShownAsText() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Document> occurrences = new ArrayList<>();
        List<Document> groups = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            String fp = Seed.fingerprint("xss " + i);
            // As a key, as the agent would store it: dots and NUL escaped (BSON keys cannot hold them).
            Document context = new Document(p.replace('.', '_').replace("\u0000", ""), p).append("safe_key", p);
            occurrences.add(Seed.occurrence(p, now.minus(i, ChronoUnit.MINUTES)).append("fingerprint", fp).append("app", p)
                    .append("logger", p).append("thread", p).append("function", p).append("file", p).append("job_id", p)
                    .append("user_id", p).append("context", context)
                    .append("request", new Document("method", "GET").append("path", "/search/" + p).append("query", "q=" + p).append("user", p))
                    .append("exception", new Document("type", p).append("message", p)
                            .append("frames", List.of(Seed.frame(p, p, p, 1, true), Seed.frame(p, p, p, 2, false))).append("causes", List.of())));
            groups.add(Seed.group(fp, p, now.minus(1, ChronoUnit.DAYS), now.minus(i, ChronoUnit.MINUTES), 1).append("app", p)
                    .append("exception_type", p).append("function", p).append("file", p).append("services", List.of(p)));
        }
        db.getCollection("app_errors").insertMany(occurrences);
        db.getCollection("error_groups").insertMany(groups);
        db.getCollection("error_codes").insertOne(Seed.codeEpisode(PAYLOADS.get(1), true, now).append("message", PAYLOADS.get(0)));
        db.getCollection("agent_health").insertOne(Seed.health(PAYLOADS.get(2), now).append("last_write_error", PAYLOADS.get(3))
                .append("spool_error", PAYLOADS.get(4)));
        // Grouping rules written straight into MongoDB (the API would refuse most) and reported by
        // an agent: one that parses, with payloads for values, and one that does not.
        db.getCollection("agent_health").insertMany(List.of(
                Seed.health(PAYLOADS.get(4), now).append("grouping_rules", "x: logger=" + PAYLOADS.get(1).replace(";", "") + " -> logger"),
                Seed.health(PAYLOADS.get(5), now).append("grouping_rules", PAYLOADS.get(0))));
        List<Document> rules = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            rules.add(new Document("_id", p).append("message", p).append("app", p).append("context", new Document("safe_key", p))
                    .append("fingerprint", List.of(p)).append("created_by", p).append("created_at", java.util.Date.from(now)));
        }
        db.getCollection("grouping_rules").insertMany(rules);

        try (ConsoleServer server = ConsoleServer.start(name); Chromium browser = Chromium.start()) {
            check(browser, server.base + "#/groups", PAYLOADS.size(), "tr.row");
            check(browser, server.base + "#/errors", PAYLOADS.size(), "tr.row");
            check(browser, server.base + "#/codes", 1, "tr.row");
            check(browser, server.base + "#/health", 1, "tr.row");
            String rulesShown = check(browser, server.base + "#/grouping-rules", PAYLOADS.size() + 2, "tr.row");
            for (String p : PAYLOADS) {
                assertTrue(rulesShown.contains(p), "payload shown verbatim in the grouping rules: " + p);
            }
            for (int i = 0; i < PAYLOADS.size(); i++) {
                check(browser, server.base + "#/group/" + java.net.URLEncoder.encode(Seed.fingerprint("xss " + i), "UTF-8"), 1, "tbody tr.row");
                String shown = check(browser, server.base + "#/error/" + occurrences.get(i).getString("_id"), 1, ".trace .frame.in-app");
                String p = PAYLOADS.get(i);
                assertTrue(shown.contains(p), "payload " + i + " shown verbatim as text in the occurrence");
                assertTrue(shown.contains("/search/" + p), "payload " + i + " in the request path shown as text");
                assertTrue(shown.contains(p.replace('.', '_').replace("\u0000", "")), "payload " + i + " as a context key shown as text");
            }
            browser.screenshot(java.nio.file.Path.of("target/console-xss.png"));
        }
    }

    /** Opens a view, waits for its rows, checks that nothing ran or was injected; answers #main's text. */
    private static String check(Chromium browser, String url, int rows, String rowSelector) throws Exception {
        browser.open("about:blank");
        browser.open(url);
        browser.await("document.querySelectorAll('#main " + rowSelector + "').length >= " + rows, "rows of " + url);
        assertFalse(browser.dialogOpen(), "a dialog opened on " + url);
        assertEquals(null, browser.script("return window.__xss === undefined ? null : String(window.__xss);"), "script ran on " + url);
        assertEquals(List.of(), browser.script("return " + INJECTED + ";"), "elements built from data on " + url);
        assertEquals(true, browser.script("return getComputedStyle(document.getElementById('main')).display !== 'none';"),
                "an injected style took effect on " + url);
        return (String) browser.script("return document.getElementById('main').textContent;");
    }
}

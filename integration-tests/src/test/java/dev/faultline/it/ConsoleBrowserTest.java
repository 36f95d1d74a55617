package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The web console in headless Chromium, as a person uses it: the groups list, a filter, a group,
 * one occurrence's stack trace with the application's frames highlighted, and resolving the
 * group. Screenshots land in target/console-*.png.
 */
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target");

    @Test
    void browseFilterReadAStackTraceAndResolveAGroup() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String payment = Seed.fingerprint("payment");
        String stock = Seed.fingerprint("stock");
        String old = Seed.fingerprint("old");
        db.getCollection("error_groups").insertMany(List.of(
                Seed.group(payment, "IllegalStateException: card declined", now.minus(6, ChronoUnit.DAYS), now.minus(4, ChronoUnit.MINUTES), 23)
                        .append("app", "billing"),
                Seed.group(stock, "inventory out of sync for 3 items", now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS), 5)
                        .append("app", "stock").append("exception_type", null).append("file", "com/example/shop/OrderService.java")
                        .append("function", "reconcile"),
                Seed.group(old, "connection reset", now.minus(9, ChronoUnit.DAYS), now.minus(8, ChronoUnit.DAYS), 2)
                        .append("status", "resolved").append("resolved_by", "bob")));
        List<Document> occurrences = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            occurrences.add(Seed.occurrence("payment failed for order " + (1000 + i), now.minus(i * 6L, ChronoUnit.HOURS))
                    .append("fingerprint", payment).append("app", "billing").append("job_id", "job-" + i)
                    .append("context", new Document("order_id", String.valueOf(1000 + i)).append("tenant", "acme"))
                    .append("request", new Document("method", "POST").append("path", "/orders/" + (1000 + i) + "/pay")
                            .append("query", "retry=1").append("status", 500)));
        }
        for (int i = 0; i < 5; i++) {
            occurrences.add(Seed.occurrence("inventory out of sync for 3 items", now.minus(i * 7L, ChronoUnit.HOURS)).append("fingerprint", stock)
                    .append("app", "stock").append("exception", null).append("data", new Document("trace", null)));
        }
        occurrences.get(0).append("breadcrumbs", List.of(
                new Document("timestamp", java.util.Date.from(now.minus(2, ChronoUnit.SECONDS))).append("severity", "INFO")
                        .append("logger", "com.example.shop.OrderService").append("message", "loading order 1000 <b>for</b> alice"),
                new Document("timestamp", java.util.Date.from(now.minus(1, ChronoUnit.SECONDS))).append("severity", "WARNING")
                        .append("logger", "com.example.billing.PaymentClient").append("message", "gateway slow, retrying")));
        occurrences.get(0).append("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").append("span_id", "00f067aa0ba902b7");
        db.getCollection("app_errors").insertMany(occurrences);
        String newest = occurrences.get(0).getString("_id");

        try (ConsoleServer server = ConsoleServer.start(name); Chromium browser = Chromium.start()) {
            browser.open(server.base + "#/groups");
            browser.await("document.querySelectorAll('#main tr.row').length === 2", "the two unresolved groups are listed");
            String list = browser.text("#main table");
            assertTrue(list.contains("IllegalStateException: card declined") && list.contains("inventory out of sync"), list);
            assertFalse(list.contains("connection reset"), "resolved groups are not in the default list");
            assertEquals(14, ((Number) browser.script("return document.querySelectorAll('#main tr.row')[0].querySelectorAll('.trend span').length;")).intValue(),
                    "a bar per day of the last 14");

            browser.type("input[name=search]", "inventory");
            browser.click("form.filters button[type=submit]");
            browser.await("document.querySelectorAll('#main tr.row').length === 1", "the search leaves one group");
            assertTrue(browser.text("#main tr.row").contains("inventory out of sync"));
            assertTrue(((String) browser.script("return location.hash;")).contains("search=inventory"), "the filter is in the URL");

            browser.open(server.base + "#/groups?status=all");
            browser.await("document.querySelectorAll('#main tr.row').length === 3", "all three groups with status=all");
            browser.screenshot(SHOTS.resolve("console-groups.png"));

            browser.click("#main tr.row[data-id='" + payment + "'] a.title");
            browser.await("document.querySelector('#main h1') && document.querySelector('#main h1').textContent.includes('card declined')",
                    "the group page opens");
            assertEquals(20, ((Number) browser.script("return document.querySelectorAll('#main tbody tr.row').length;")).intValue(),
                    "the latest 20 occurrences");

            browser.click("#main a[href='#/error/" + newest + "']");
            browser.await("document.querySelector('#main .trace')", "the occurrence shows its stack trace");
            String trace = browser.text("#main .trace");
            assertTrue(trace.contains("java.lang.IllegalStateException: card declined"), trace);
            assertTrue(trace.contains("at com.example.billing.PaymentGateway.charge(PaymentGateway.java:13)"), trace);
            assertTrue(trace.contains("Caused by: java.io.IOException: gateway timeout"), trace);
            assertEquals(List.of("at com.example.billing.PaymentGateway.charge(PaymentGateway.java:13)",
                    "at com.example.shop.OrderService.checkout(OrderService.java:18)",
                    "at com.example.billing.PaymentClient.send(PaymentClient.java:8)"),
                    browser.script("return Array.from(document.querySelectorAll('#main .frame.in-app')).map(e => e.textContent);"),
                    "exactly the application's frames are highlighted");
            assertEquals(List.of("loading order 1000 <b>for</b> alice", "gateway slow, retrying"),
                    browser.script("return Array.from(document.querySelectorAll('#main table.breadcrumbs td.msg')).map(e => e.textContent);"),
                    "the breadcrumbs, oldest first, as text");
            assertEquals(true, browser.script("return !!(document.querySelector('#main table.breadcrumbs').compareDocumentPosition("
                    + "document.querySelector('#main .trace')) & Node.DOCUMENT_POSITION_FOLLOWING);"), "the breadcrumbs come above the stack trace");
            String page = browser.text("#main");
            assertTrue(page.contains("payment failed for order 1000"), page);
            assertTrue(page.contains("order_id") && page.contains("tenant") && page.contains("acme"), "context: " + page);
            assertTrue(page.contains("/orders/1000/pay") && page.contains("retry=1"), "request: " + page);
            assertTrue(page.contains("4bf92f3577b34da6a3ce929d0e0e4736") && page.contains("00f067aa0ba902b7"), "trace and span: " + page);
            assertEquals("#/errors?trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
                    browser.script("return document.querySelector('#main a[href^=\"#/errors?trace_id\"]').getAttribute('href');"),
                    "a link to the other occurrences of the trace");
            browser.screenshot(SHOTS.resolve("console-occurrence.png"));

            browser.click("#main a.back");
            browser.await("document.querySelector('#main button[data-action=resolve]')", "back on the group page");
            browser.type("#who", "ann");
            browser.click("#main button[data-action=resolve]");
            browser.await("document.querySelector('#main .head .badge') && document.querySelector('#main .head .badge').textContent === 'resolved'",
                    "the group shows as resolved");
            assertEquals(true, browser.script("return document.querySelector('#main button[data-action=resolve]').disabled;"));
            Object toast = browser.script("return document.getElementById('toast').textContent;");
            assertEquals("Resolve: resolved (23 occurrences)", toast);
            browser.screenshot(SHOTS.resolve("console-group-resolved.png"));

            Document group = db.getCollection("error_groups").find(eq("_id", payment)).first();
            assertEquals("resolved", group.getString("status"));
            assertEquals("ann", group.getString("resolved_by"));
            assertEquals(23, db.getCollection("app_errors").countDocuments(new Document("fingerprint", payment).append("resolved", true)));
            assertEquals(0, db.getCollection("app_errors").countDocuments(new Document("fingerprint", stock).append("resolved", true)));

            browser.open(server.base + "#/groups");
            browser.await("document.querySelectorAll('#main tr.row').length === 1", "the resolved group leaves the unresolved list");
            assertFalse(browser.dialogOpen());

            // Merge the stock group into the payment group, then undo it.
            browser.open(server.base + "#/group/" + stock);
            browser.await("document.querySelector('#main form.merge input[name=into]')", "the group page offers a merge");
            browser.type("#main form.merge input[name=into]", payment);
            browser.click("#main form.merge button[type=submit]");
            browser.await("location.hash === '#/group/" + payment + "'", "the merge leads to the target group");
            assertEquals(28, db.getCollection("app_errors").countDocuments(eq("fingerprint", payment)), "the stock occurrences moved");
            assertEquals(payment, db.getCollection("error_groups").find(eq("_id", stock)).first().getString("merged_into"));
            browser.open(server.base + "#/group/" + stock);
            browser.await("document.querySelector('#main .merge.merged button[data-action=unmerge]')", "a merged group says where it went");
            String merged = browser.text("#main .merge.merged");
            assertTrue(merged.startsWith("Merged into") && merged.contains(payment) && merged.contains("ann"), merged);
            browser.click("#main .merge.merged button[data-action=unmerge]");
            browser.await("document.querySelector('#main form.merge input[name=into]')", "unmerged, the group offers a merge again");
            assertEquals(5, db.getCollection("app_errors").countDocuments(eq("fingerprint", stock)), "the stock occurrences are back");
            assertEquals(23, db.getCollection("app_errors").countDocuments(eq("fingerprint", payment)));
        }
        assertTrue(Files.size(SHOTS.resolve("console-groups.png")) > 10_000, "a real screenshot");
    }

    @Test
    void filterOccurrencesByWhereTheyRanAndByContextFromTheFormAndFromAGroupsTopValues() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String checkout = Seed.fingerprint("checkout");
        String other = Seed.fingerprint("other");
        db.getCollection("error_groups").insertMany(List.of(Seed.group(checkout, "checkout failed", now.minus(1, ChronoUnit.HOURS), now, 2),
                Seed.group(other, "export failed", now, now, 1)));
        db.getCollection("app_errors").insertMany(List.of(
                Seed.occurrence("acme on box-1", now.minus(3, ChronoUnit.MINUTES)).append("fingerprint", checkout).append("host", "box-1")
                        .append("thread", "worker-1").append("release", "2.0").append("environment", "prod")
                        .append("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").append("user_id", "u-1").append("job_id", "j-1")
                        .append("context", new Document("tenant", "acme")),
                Seed.occurrence("globex on box-2", now.minus(2, ChronoUnit.MINUTES)).append("fingerprint", checkout).append("host", "box-2")
                        .append("context", new Document("tenant", "globex")),
                Seed.occurrence("acme export on box-2", now.minus(1, ChronoUnit.MINUTES)).append("fingerprint", other).append("host", "box-2")
                        .append("context", new Document("tenant", "acme"))));
        String rows = "Array.from(document.querySelectorAll('#main tr.row td.msg')).map(e => e.textContent).join('|')";

        try (ConsoleServer server = ConsoleServer.start(name); Chromium browser = Chromium.start()) {
            browser.open(server.base + "#/group/" + checkout);
            browser.await("document.querySelectorAll('#main tr.top').length > 0", "the group page lists its top values");
            browser.script("Array.from(document.querySelectorAll('#main tr.top')).find(r => r.cells[0].textContent === 'context.tenant')"
                    + ".querySelectorAll('a').forEach(a => { if (a.textContent === 'acme') { a.click(); } });");
            browser.await(rows + " === 'acme on box-1'", "a top value leads to the group's occurrences that carry it");
            assertEquals("tenant=acme", browser.script("return document.querySelector('input[name=context]').value;"), "the filter shows in its field");
            assertTrue(browser.text("#main .in-group").startsWith("Occurrences of group " + checkout.substring(0, 12)));

            browser.click("#main .in-group button[data-action=all-groups]");
            browser.await(rows + " === 'acme export on box-2|acme on box-1'", "without the group, every occurrence of the tenant");
            browser.type("input[name=host]", "box-2");
            browser.click("form.filters button[type=submit]");
            browser.await(rows + " === 'acme export on box-2'", "host and context combine");
            assertTrue(((String) browser.script("return location.hash;")).contains("host=box-2"), "the filters are in the URL");

            for (String[] f : new String[][] {{"environment", "prod"}, {"release", "2.0"}, {"thread", "worker-1"},
                    {"trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"}, {"user_id", "u-1"}, {"job_id", "j-1"}}) {
                browser.open(server.base + "#/errors");
                browser.await("document.querySelectorAll('#main tr.row').length === 3", "every occurrence before filtering by " + f[0]);
                browser.type("input[name=" + f[0] + "]", f[1]);
                browser.click("form.filters button[type=submit]");
                browser.await(rows + " === 'acme on box-1'", f[0] + " typed in its field filters exactly");
            }

            for (String injection : new String[] {"$where=1", "a.b=acme", "tenant={\"$ne\":null}"}) {
                browser.open(server.base + "#/errors");
                browser.await("document.querySelectorAll('#main tr.row').length === 3", "every occurrence before " + injection);
                browser.type("input[name=context]", injection);
                browser.click("form.filters button[type=submit]");
                browser.await("document.querySelector('#main .empty') && document.querySelector('#main .empty').textContent === 'No occurrences match.'",
                        injection + " matches a literal key and value, nothing else");
            }
            browser.type("input[name=context]", "tenant");
            browser.click("form.filters button[type=submit]");
            browser.await("document.querySelector('#main .empty') && document.querySelector('#main .empty').textContent.startsWith('Context filter: write key=value')",
                    "a context filter without '=' says how to write it");
            browser.screenshot(SHOTS.resolve("console-filters.png"));
        }
    }
}

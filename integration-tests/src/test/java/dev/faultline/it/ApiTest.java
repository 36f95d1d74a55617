package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read side of the JSON API over real HTTP: {@code serve} started from the agent jar as a
 * process, against a real MongoDB wire connection, on a database seeded with known documents.
 */
class ApiTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String G1 = Seed.fingerprint("payment failed");
    private static final String G2 = Seed.fingerprint("invoice overflow");
    private static final String G3 = Seed.fingerprint("audit gap");
    private static ConsoleServer server;
    private static Http http;
    private static Document a;
    private static Document b;
    private static Document c;
    private static Document d;

    @BeforeAll
    static void seedAndServe() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        a = Seed.occurrence("Invoice total overflow", T0.minus(10, ChronoUnit.DAYS)).append("app", "billing")
                .append("file", "com/acme/billing/Invoice.java").append("function", "total").append("severity", "CRITICAL")
                .append("severity_num", 50).append("job_id", "job-1").append("user_id", "u-1").append("resolved", true)
                .append("resolved_by", "ann").append("resolved_timestamp", java.util.Date.from(T0)).append("fingerprint", G2);
        b = Seed.occurrence("refund rejected", T0.minus(2, ChronoUnit.HOURS)).append("app", "billing")
                .append("file", "com/acme/billing/Refund.java").append("function", "refund").append("severity", "WARNING")
                .append("severity_num", 30).append("job_id", "job-2").append("user_id", "u-2");
        c = Seed.occurrence("Cart is (empty).*", T0.minus(30, ChronoUnit.MINUTES)).append("app", "shop")
                .append("file", "com/acme/shop/Cart.java").append("function", "addItem");
        c.remove("resolved"); // as written by an agent that did not set the field
        c.append("service", "checkout").append("logger", "com.acme.shop.Cart").append("thread", "worker-2")
                .append("host", "box-9").append("release", "2.1").append("environment", "staging")
                .append("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .append("context", new Document("user", "u-77").append("a_b", "dotted").append("_where", "escaped"))
                .append("exception", new Document("type", "java.util.NoSuchElementException").append("message", "empty cart")
                        .append("frames", List.of()).append("causes", List.of()).append("suppressed", 0));
        d = Seed.occurrence("audit gap", T0.minus(5, ChronoUnit.DAYS)).append("app", "Shop-Admin").append("function", "audit")
                .append("file", "com/acme/admin/Audit.java")
                .append("severity", "INFO").append("severity_num", 20).append("fingerprint", G3);
        List<Document> all = new ArrayList<>(List.of(a, b, c, d));
        for (int i = 0; i < 60; i++) {
            all.add(Seed.occurrence("bulk #" + i, T0.minus(3, ChronoUnit.DAYS).minus(i, ChronoUnit.MINUTES))
                    .append("app", "bulk").append("function", "work").append("file", "com/acme/bulk/Worker.java").append("fingerprint", G1));
        }
        db.getCollection("app_errors").insertMany(all);
        db.getCollection("error_groups").insertMany(List.of(
                Seed.group(G1, "payment failed", T0.minus(10, ChronoUnit.DAYS), T0.minus(1, ChronoUnit.HOURS), 5)
                        .append("applied_spool_ids", List.of("c0ffee/0")),
                Seed.group(G2, "Invoice total overflow", T0.minus(1, ChronoUnit.DAYS), T0.minus(3, ChronoUnit.HOURS), 50)
                        .append("status", "resolved").append("app", "billing"),
                Seed.group(G3, "audit gap", T0.minus(2, ChronoUnit.DAYS), T0.minus(2, ChronoUnit.DAYS), 1).append("status", "ignored")));
        List<Document> episodes = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            episodes.add(Seed.codeEpisode("bulk_code", i % 2 == 0, T0.minus(i + 10, ChronoUnit.MINUTES)));
        }
        episodes.add(Seed.codeEpisode("disk_full_m1", true, T0.minus(1, ChronoUnit.MINUTES)));
        episodes.add(Seed.codeEpisode("disk_full_m2", false, T0.minus(2, ChronoUnit.MINUTES)));
        db.getCollection("error_codes").insertMany(episodes);
        db.getCollection("agent_health").insertMany(List.of(Seed.health("older-service", T0.minus(1, ChronoUnit.HOURS)),
                Seed.health("newer-service", T0)));
        server = ConsoleServer.start(name);
        http = new Http(server.base);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String q(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(i == 0 ? "?" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static Document list(String... pairs) throws Exception {
        Http.Answer r = http.get("/api/app-errors/" + q(pairs));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static Set<String> messages(String... pairs) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Document doc : list(pairs).getList("results", Document.class)) {
            out.add(doc.getString("message"));
        }
        return out;
    }

    private static long count(String... pairs) throws Exception {
        return ((Number) list(pairs).get("count")).longValue();
    }

    private static void assertInvalid(String parameter, String rawQuery) throws Exception {
        Http.Answer r = http.get("/api/app-errors/?" + rawQuery);
        assertEquals(400, r.status(), rawQuery + " -> " + r.body());
        assertEquals("Invalid " + parameter + " parameter", r.json().getString("error"), rawQuery);
        assertEquals(java.util.Set.of("error", "expected"), r.json().keySet(), "the answer says what would have been accepted");
        assertTrue(r.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void listAnswersCountNextPreviousAndResultsFiftyAPageNewestFirst() throws Exception {
        Document first = list("app", "bulk");
        assertEquals(60, ((Number) first.get("count")).intValue());
        List<Document> results = first.getList("results", Document.class);
        assertEquals(50, results.size());
        for (int i = 1; i < results.size(); i++) {
            assertTrue(results.get(i - 1).getString("timestamp").compareTo(results.get(i).getString("timestamp")) > 0, "newest first");
        }
        assertEquals("bulk #0", results.get(0).getString("message"));
        assertNull(first.get("previous"));
        assertEquals(server.base + "api/app-errors/?app=bulk&page=2", first.getString("next"));

        Http.Answer second = http.get(first.getString("next"));
        Document page2 = second.json();
        assertEquals(10, page2.getList("results", Document.class).size());
        assertEquals("bulk #59", page2.getList("results", Document.class).get(9).getString("message"));
        assertNull(page2.get("next"));
        assertEquals(server.base + "api/app-errors/?app=bulk", page2.getString("previous"));
        Document beyond = http.get(server.base + "api/app-errors/?app=bulk&page=999").json();
        assertEquals(0, beyond.getList("results", Document.class).size());
        assertEquals(server.base + "api/app-errors/?app=bulk&page=2", beyond.getString("previous"), "the last page with results");
        assertEquals(64, count());
        assertEquals("Cart is (empty).*", list().getList("results", Document.class).get(0).getString("message"));
    }

    @Test
    void datesAreIsoStringsAndTheDocumentIsTheStoredOne() throws Exception {
        Document r = list("job_id", "job-1").getList("results", Document.class).get(0);
        assertEquals(a.getString("_id"), r.getString("_id"));
        assertEquals(a.getDate("timestamp").toInstant(), Instant.parse(r.getString("timestamp")));
        assertTrue(r.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z"), r.getString("timestamp"));
        assertEquals(4242, ((Number) r.get("pid")).intValue());
        assertEquals(3, r.get("exception", Document.class).getList("frames", Document.class).size());
    }

    @Test
    void exactFiltersMatchOneFieldEach() throws Exception {
        assertEquals(Set.of("Invoice total overflow", "refund rejected"), messages("app", "billing"));
        assertEquals(Set.of("Cart is (empty).*"), messages("file", "com/acme/shop/Cart.java"));
        assertEquals(Set.of("refund rejected"), messages("function", "refund"));
        assertEquals(Set.of("Invoice total overflow"), messages("job_id", "job-1"));
        assertEquals(Set.of("refund rejected"), messages("user_id", "u-2"));
        assertEquals(Set.of(), messages("app", "Billing"), "exact means exact case too");
        assertEquals(Set.of("audit gap"), messages("fingerprint", G3));
    }

    @Test
    void contextAndWhereItRanFiltersMatchExactly() throws Exception {
        Set<String> cart = Set.of("Cart is (empty).*");
        assertEquals(cart, messages("context.user", "u-77"));
        assertEquals(Set.of(), messages("context.user", "u-7"), "exact, not contains");
        for (String[] f : new String[][] {{"service", "checkout"}, {"logger", "com.acme.shop.Cart"}, {"thread", "worker-2"},
                {"host", "box-9"}, {"release", "2.1"}, {"environment", "staging"}, {"trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"}}) {
            assertEquals(cart, messages(f[0], f[1]), f[0]);
        }
        assertEquals(63, count("context.order_id", "1001"), "every other seeded occurrence");
        assertEquals(cart, messages("context.user", "u-77", "host", "box-9"), "filters combine");
        assertEquals(Set.of(), messages("context.user", "u-77", "host", "it-host"));
    }

    @Test
    void exceptionTypeMatchesTheThrownExceptionOrAnyOfItsCauses() throws Exception {
        assertEquals(63, count("exception_type", "java.io.IOException"), "the cause of the seeded exception");
        assertEquals(63, count("exception_type", "java.lang.IllegalStateException"));
        assertEquals(Set.of("Cart is (empty).*"), messages("exception_type", "java.util.NoSuchElementException"));
        assertEquals(0, count("exception_type", "java.lang.Error"));
    }

    @Test
    void contextKeysAreMatchedAsStoredNeverAsPathsOrOperators() throws Exception {
        assertEquals(Set.of("Cart is (empty).*"), messages("context.a.b", "dotted"), "a dotted key is stored with '_'");
        assertEquals(Set.of("Cart is (empty).*"), messages("context.$where", "escaped"), "'$' is stored as '_', never an operator");
        Http.Answer bad = http.get("/api/app-errors/?context.=x");
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("context."), bad.body());
    }

    @Test
    void containsFiltersIgnoreCase() throws Exception {
        assertEquals(Set.of("Cart is (empty).*", "audit gap"), messages("app__icontains", "SHOP"));
        assertEquals(Set.of("Invoice total overflow", "refund rejected"), messages("file__icontains", "BILLING/"));
        assertEquals(Set.of("Cart is (empty).*"), messages("function__icontains", "add"));
    }

    @Test
    void severityFiltersTakeNamesAndNumbers() throws Exception {
        assertEquals(Set.of("Invoice total overflow"), messages("severity", "CRITICAL"));
        assertEquals(Set.of("refund rejected"), messages("severity", "30"));
        assertEquals(Set.of("refund rejected"), messages("severity", "warning"));
        assertEquals(62, count("severity__gte", "ERROR"));
        assertEquals(Set.of("refund rejected", "audit gap"), messages("severity__lte", "WARNING"));
        assertEquals(62, count("severity__gte", "30", "severity__lte", "40"));
    }

    @Test
    void resolvedFilterAcceptsSixSpellingsAndTreatsAMissingFieldAsUnresolved() throws Exception {
        for (String yes : List.of("true", "1", "yes")) {
            assertEquals(Set.of("Invoice total overflow"), messages("resolved", yes), yes);
        }
        for (String no : List.of("false", "0", "no")) {
            assertEquals(63, count("resolved", no), no);
        }
        assertTrue(messages("resolved", "false").contains("Cart is (empty).*"));
    }

    @Test
    void timestampFiltersTakeIsoTimesAndDurationsAgo() throws Exception {
        assertEquals(Set.of("Cart is (empty).*"), messages("timestamp__gte", "1h"));
        assertEquals(Set.of("Cart is (empty).*", "refund rejected"), messages("timestamp__gte", "3h"));
        assertEquals(Set.of("audit gap"), messages("timestamp__gte", T0.minus(6, ChronoUnit.DAYS).toString(),
                "timestamp__lte", T0.minus(4, ChronoUnit.DAYS).toString()));
        assertEquals(Set.of("Invoice total overflow"), messages("timestamp__lte", T0.minus(9, ChronoUnit.DAYS).toString()));
        String withOffset = T0.minus(9, ChronoUnit.DAYS).atOffset(java.time.ZoneOffset.ofHours(2)).toString();
        assertEquals(Set.of("Invoice total overflow"), messages("timestamp__lte", withOffset));
    }

    @Test
    void searchMatchesMessageFunctionFileOrAppLiterallyAndIgnoringCase() throws Exception {
        assertEquals(Set.of("Invoice total overflow"), messages("search", "OVERFLOW"));
        assertEquals(Set.of("refund rejected"), messages("search", "refund"));
        assertEquals(Set.of("Cart is (empty).*"), messages("search", "cart.JAVA"));
        assertEquals(Set.of("audit gap"), messages("search", "admin"));
        assertEquals(Set.of("Cart is (empty).*"), messages("search", ".*"), "a regex is matched as text");
        assertEquals(Set.of("Cart is (empty).*"), messages("search", "(EMPTY)"));
        assertEquals(Set.of(), messages("search", "[a-z]+"));
    }

    @Test
    void orderingSortsByTheNamedFieldEitherWay() throws Exception {
        assertEquals(List.of("refund rejected", "Invoice total overflow"), ordered("app", "billing", "ordering", "severity"));
        assertEquals(List.of("Invoice total overflow", "refund rejected"), ordered("app", "billing", "ordering", "-severity"));
        assertEquals(List.of("Invoice total overflow", "refund rejected"), ordered("app", "billing", "ordering", "timestamp"));
        assertEquals(List.of("refund rejected", "Invoice total overflow"), ordered("app", "billing"), "default -timestamp");
        assertEquals(List.of("Invoice total overflow", "refund rejected"), ordered("app", "billing", "ordering", "-resolved"));
        List<String> byApp = ordered("ordering", "app", "page_size", "200");
        assertEquals(64, byApp.size());
        assertEquals("audit gap", byApp.get(0), "Shop-Admin sorts first (upper case before lower)");
        assertEquals("Cart is (empty).*", byApp.get(63), "shop sorts last");
    }

    private static List<String> ordered(String... pairs) throws Exception {
        List<String> out = new ArrayList<>();
        for (Document doc : list(pairs).getList("results", Document.class)) {
            out.add(doc.getString("message"));
        }
        return out;
    }

    @Test
    void invalidValuesAnswer400NamingTheParameter() throws Exception {
        assertInvalid("severity", "severity=LOUD");
        assertInvalid("severity__gte", "severity__gte=101");
        assertInvalid("severity__lte", "severity__lte=x");
        assertInvalid("resolved", "resolved=maybe");
        assertInvalid("timestamp__gte", "timestamp__gte=yesterday");
        assertInvalid("timestamp__lte", "timestamp__lte=2024-13-01");
        assertInvalid("ordering", "ordering=message");
        assertInvalid("page", "page=0");
        assertInvalid("page", "page=two");
        assertInvalid("page_size", "page_size=201");
        assertInvalid("page_size", "page_size=0");
        assertInvalid("colour", "colour=red");
        assertInvalid("app", "app=a&app=b");
        assertEquals(200, http.get("/api/app-errors/?page_size=200").status());
    }

    @Test
    void noParameterOrValueBecomesAMongoOperator() throws Exception {
        assertInvalid("app[$ne]", "app%5B%24ne%5D=x");
        assertInvalid("resolved[$ne]", "resolved%5B%24ne%5D=true");
        assertInvalid("$where", "%24where=1");
        assertInvalid("app.$ne", "app.%24ne=1");
        assertEquals(0, count("app", "{\"$ne\": null}"), "an operator-looking value is a literal app name");
        assertEquals(0, count("user_id", "{\"$gt\": \"\"}"));
        assertEquals(0, count("search", "{\"$where\": \"1\"}"));
        assertEquals(0, count("job_id", "$ne"));
    }

    @Test
    void detailAnswersTheWholeRecordOr404() throws Exception {
        Http.Answer r = http.get("/api/app-errors/" + a.getString("_id") + "/");
        assertEquals(200, r.status(), r.body());
        Document doc = r.json();
        assertEquals("Invoice total overflow", doc.getString("message"));
        assertTrue(doc.get("data", Document.class).getString("trace").startsWith("java.lang.IllegalStateException"));
        assertEquals("ann", doc.getString("resolved_by"));
        assertEquals(200, http.get("/api/app-errors/" + a.getString("_id")).status(), "the trailing slash is optional");
        Http.Answer missing = http.get("/api/app-errors/" + UUID.randomUUID() + "/");
        assertEquals(404, missing.status());
        assertEquals(new Document("error", "Not found"), missing.json());
        assertEquals(404, http.get("/api/app-errors/%7B%22%24ne%22%3Anull%7D/").status(), "an operator as id is just an unknown id");
        assertEquals(404, http.get("/api/nothing-here/").status());
    }

    @Test
    void groupsListMostRecentlySeenFirstWithAFourteenDayTrend() throws Exception {
        Http.Answer r = http.get("/api/error-groups/");
        assertEquals(200, r.status(), r.body());
        Document page = r.json();
        assertEquals(3, ((Number) page.get("count")).intValue());
        List<Document> groups = page.getList("results", Document.class);
        assertEquals(List.of(G1, G2, G3), groups.stream().map(g -> g.getString("_id")).toList());
        assertFalse(groups.get(0).containsKey("applied_spool_ids"), groups.get(0).keySet().toString());
        List<Integer> trend = groups.get(0).getList("trend", Integer.class);
        assertEquals(14, trend.size());
        assertEquals(60, trend.stream().mapToInt(Integer::intValue).sum(), "the 60 occurrences of 3 days ago");
        assertEquals(0, trend.get(13) + trend.get(12), "none today or yesterday");
        assertTrue(trend.get(10) + trend.get(9) == 60, "all on the day three days ago (or the one before, near midnight)");
        assertEquals(1, groups.get(2).getList("trend", Integer.class).stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void groupsFilterByStatusAppAndSearchAndOrderByCountOrFirstSeen() throws Exception {
        assertEquals(List.of(G2), groupIds("status", "resolved"));
        assertEquals(List.of(G1), groupIds("status", "unresolved"));
        assertEquals(List.of(G3), groupIds("status", "ignored"));
        assertEquals(List.of(G1, G3), groupIds("app", "shop"));
        assertEquals(List.of(G2), groupIds("search", "OVERFLOW"));
        assertEquals(List.of(G2, G1, G3), groupIds("ordering", "-count"));
        assertEquals(List.of(G1, G3, G2), groupIds("ordering", "first_seen"));
        Http.Answer bad = http.get("/api/error-groups/?status=open");
        assertEquals(400, bad.status());
        assertEquals("Invalid status parameter", bad.json().getString("error"));
        assertEquals(400, http.get("/api/error-groups/?ordering=title").status());
    }

    private static List<String> groupIds(String... pairs) throws Exception {
        Http.Answer r = http.get("/api/error-groups/" + q(pairs));
        assertEquals(200, r.status(), r.body());
        return r.json().getList("results", Document.class).stream().map(g -> g.getString("_id")).toList();
    }

    @Test
    void groupDetailCarriesItsLatestOccurrencesWithoutTheirBulk() throws Exception {
        Http.Answer r = http.get("/api/error-groups/" + G1 + "/");
        assertEquals(200, r.status(), r.body());
        Document g = r.json();
        assertEquals("payment failed", g.getString("title"));
        assertFalse(g.containsKey("applied_spool_ids"), "the writer's bookkeeping is not shown: " + g.keySet());
        List<Document> latest = g.getList("occurrences", Document.class);
        assertEquals(20, latest.size());
        assertEquals("bulk #0", latest.get(0).getString("message"));
        assertEquals("bulk #19", latest.get(19).getString("message"));
        assertFalse(latest.get(0).containsKey("exception"));
        assertFalse(latest.get(0).containsKey("data"));
        assertEquals(60, g.getList("trend", Integer.class).stream().mapToInt(Integer::intValue).sum());
        Document top = g.get("top_values", Document.class);
        assertEquals(60, top.getInteger("sampled"));
        Document orders = top.getList("keys", Document.class).stream().filter(k -> k.getString("key").equals("context.order_id"))
                .findFirst().orElseThrow();
        assertEquals(60, orders.getInteger("occurrences"));
        assertEquals(List.of(new Document("value", "1001").append("count", 60)), orders.getList("values", Document.class));
        assertTrue(top.getList("keys", Document.class).stream().anyMatch(k -> k.getString("key").equals("host")),
                "which hosts: " + top.toJson());
        assertEquals(404, http.get("/api/error-groups/" + Seed.fingerprint("nothing") + "/").status());
    }

    @Test
    void errorCodesHistoryIsNewestFirstAHundredByDefaultFilteredByCodeAndActive() throws Exception {
        Document all = http.get("/api/error-codes/").json();
        List<Document> episodes = all.getList("results", Document.class);
        assertEquals(100, episodes.size());
        assertEquals("disk_full_m1", episodes.get(0).getString("code"));
        assertEquals("disk_full_m2", episodes.get(1).getString("code"));
        for (int i = 1; i < episodes.size(); i++) {
            assertTrue(episodes.get(i - 1).getString("created_at").compareTo(episodes.get(i).getString("created_at")) >= 0);
        }
        List<Document> one = http.get("/api/error-codes/?code=disk_full_m1").json().getList("results", Document.class);
        assertEquals(1, one.size());
        assertEquals(true, one.get(0).getBoolean("active"));
        assertEquals(53, http.get("/api/error-codes/?code=bulk_code&active=true").json().getList("results", Document.class).size());
        assertEquals(52, http.get("/api/error-codes/?code=bulk_code&active=false").json().getList("results", Document.class).size());
        assertEquals(5, http.get("/api/error-codes/?limit=5").json().getList("results", Document.class).size());
        assertEquals(107, http.get("/api/error-codes/?limit=1000").json().getList("results", Document.class).size());
        assertEquals("Invalid limit parameter", http.get("/api/error-codes/?limit=0").json().getString("error"));
        assertEquals("Invalid active parameter", http.get("/api/error-codes/?active=sometimes").json().getString("error"));
    }

    @Test
    void healthListsEveryReportingAgentMostRecentFirst() throws Exception {
        Http.Answer r = http.get("/api/health/");
        assertEquals(200, r.status(), r.body());
        List<Document> reports = r.json().getList("results", Document.class);
        assertEquals(List.of("newer-service", "older-service"), reports.stream().map(h -> h.getString("service")).toList());
        assertEquals(1, ((Number) reports.get(0).get("dropped_total")).intValue());
        assertEquals("Invalid service parameter", http.get("/api/health/?service=x").json().getString("error"));
    }

    @Test
    void readingRoutesRefuseOtherMethods() throws Exception {
        Http.Answer r = http.post("/api/app-errors/", "{}");
        assertEquals(405, r.status());
        assertEquals("GET, HEAD", r.header("Allow"));
        assertEquals(405, http.send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/api/app-errors/" + a.getString("_id") + "/mark_resolved/")).GET()).status());
    }
}

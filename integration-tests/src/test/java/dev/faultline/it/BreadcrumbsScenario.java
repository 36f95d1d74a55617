package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * com.example.breadcrumbs.BreadcrumbsApp through one logging framework: each occurrence carries
 * the log events of its own thread before it, at the levels the application's logging has
 * enabled, oldest first; a request's occurrence only those of its request. Subclasses name the
 * framework.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BreadcrumbsScenario {
    static final String LOGGER = "com.example.breadcrumbs.Checkout";
    final Stored stored = Stored.fresh();
    AgentJvm.Result run;

    /** The app's argument: logback, log4j2, jul or log4j1. */
    abstract String framework();

    /** The class-path set, or null for none (JUL). */
    abstract String libs();

    /** The breadcrumb of the 64 KiB warning: the argument was not kept, only its type. */
    String payloadBreadcrumb() {
        return "payload [java.lang.String]";
    }

    @BeforeAll
    void runTheApp() throws Exception {
        AgentJvm jvm = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.breadcrumbs.BreadcrumbsApp").args(framework(), "executor")
                .storingIn(MongoSource.get().uri, stored.database).set("service", "crumbs")
                .set("app-packages", "com.example");
        run = (libs() == null ? jvm : jvm.libs(libs())).run();
        stored.await(stored.errors(), new Document(), 4);
    }

    @Test
    void appRunsToTheEnd() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("breadcrumbs: done"), run.output());
    }

    @Test
    void anErrorCarriesTheEnabledLogEventsOfItsThreadBeforeItOldestFirst() {
        Document d = only("payment failed");
        List<Document> crumbs = d.getList("breadcrumbs", Document.class);
        assertEquals(List.of("loading order 7 for alice (LOCKED)", payloadBreadcrumb()), messages(crumbs), d.toJson());
        assertEquals(List.of("INFO", "WARNING"), field(crumbs, "severity"));
        assertEquals(List.of(LOGGER, LOGGER), field(crumbs, "logger"));
        Date first = crumbs.get(0).getDate("timestamp");
        assertTrue(!first.after(crumbs.get(1).getDate("timestamp")) && !crumbs.get(1).getDate("timestamp").after(d.getDate("timestamp")),
                d.toJson());
    }

    @Test
    void aLaterErrorCarriesTheEarlierErrorAndWhatFollowedIt() {
        Document d = only("second failure");
        List<Document> crumbs = d.getList("breadcrumbs", Document.class);
        assertEquals(List.of("loading order 7 for alice (LOCKED)", payloadBreadcrumb(), "payment failed", "after the first error"),
                messages(crumbs), d.toJson());
        assertEquals(List.of("INFO", "WARNING", "ERROR", "INFO"), field(crumbs, "severity"));
    }

    @Test
    void aFailedRequestCarriesOnlyTheLogEventsOfThatRequest() {
        Document d = stored.errors().find(eq("source", "http")).first();
        assertTrue(d != null, "no http occurrence");
        assertEquals("/b", d.get("request", Document.class).getString("path"));
        assertEquals(List.of("request b step"), messages(d.getList("breadcrumbs", Document.class)), d.toJson());
    }

    @Test
    void anUnobservedExecutorFailureCarriesTheLogEventsOfTheTaskThreadNotThoseOfTheThreadThatReportsIt() {
        Document d = stored.errors().find(eq("source", "executor")).first();
        assertTrue(d != null, "no executor occurrence among " + stored.all());
        assertEquals("worker", d.getString("thread"));
        assertEquals(List.of("task step 1"), messages(d.getList("breadcrumbs", Document.class)), d.toJson());
    }

    @Test
    void noOtherOccurrenceIsStored() {
        assertEquals(4, stored.errors().countDocuments());
    }

    Document only(String message) {
        List<Document> found = stored.errors().find(eq("message", message)).into(new ArrayList<>());
        assertEquals(1, found.size(), message + " among " + stored.all());
        return found.get(0);
    }

    static List<String> messages(List<Document> crumbs) {
        return field(crumbs, "message");
    }

    static List<String> field(List<Document> crumbs, String name) {
        List<String> out = new ArrayList<>();
        for (Document c : crumbs) {
            out.add(c.getString(name));
        }
        return out;
    }
}

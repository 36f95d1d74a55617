package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code breadcrumbs.size=0}: the same app through Logback, and no occurrence carries breadcrumbs. */
class BreadcrumbsOffTest {
    @Test
    void noOccurrenceCarriesBreadcrumbsWhenTheSizeIsZero() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.breadcrumbs.BreadcrumbsApp").args("logback", "executor")
                .libs("logback15").storingIn(MongoSource.get().uri, stored.database).set("service", "crumbs")
                .set("app-packages", "com.example").set("breadcrumbs.size", "0").run();
        List<Document> errors = stored.await(stored.errors(), new Document(), 4);
        assertEquals(0, run.exit(), run.output());
        assertEquals(4, errors.size(), "the executor failure's too: " + errors);
        for (Document d : errors) {
            assertFalse(d.containsKey("breadcrumbs"), d.toJson());
        }
        FaultlineCli.Result shown = FaultlineCli.run("error", errors.get(0).getString("_id"), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertEquals(0, shown.exit(), shown.output());
        assertFalse(shown.stdout().contains("breadcrumbs (oldest first)"), "no empty section: " + shown.stdout());
    }
}

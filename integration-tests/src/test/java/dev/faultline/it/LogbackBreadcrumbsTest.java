package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Breadcrumbs through Logback. */
class LogbackBreadcrumbsTest extends BreadcrumbsScenario {
    @Override
    String framework() {
        return "logback";
    }

    @Override
    String libs() {
        return "logback15";
    }

    @Test
    void theCliShowsTheBreadcrumbsBetweenTheMessageAndTheStackTrace() throws Exception {
        FaultlineCli.Result r = FaultlineCli.run("error", only("payment failed").getString("_id"), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertEquals(0, r.exit(), r.output());
        String out = r.stdout();
        int crumbs = out.indexOf("\nbreadcrumbs (oldest first)\n");
        assertTrue(out.indexOf("\nmessage\n") < crumbs && crumbs < out.indexOf("\nstack trace\n"), out);
        assertTrue(out.matches("(?s).*\\n  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO    " + LOGGER
                + " - loading order 7 for alice \\(LOCKED\\)\\n  \\S+ \\S+ WARNING " + LOGGER + " - payload \\[java.lang.String\\]\\n.*"), out);
    }
}

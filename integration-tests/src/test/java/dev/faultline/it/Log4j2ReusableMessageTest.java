package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Log4j2's default message for {@code logger.error("... {}", arg)} outside a web application is a
 * thread-local ReusableParameterizedMessage (com.example.log4j2.ToStringThreadsApp): the agent
 * hands over its pattern and a copy of its parameters and formats it on its own thread, so the
 * argument's {@code toString()} runs on the application's thread only for its own appender, as
 * without the agent. Before, the agent formatted it there too (2 calls; a toString() that logs or
 * is slow paid twice), before the storm rule could shed the call.
 */
class Log4j2ReusableMessageTest {
    @Test
    void aReusableMessageIsFormattedOnTheAgentsThreadNotTheApplications() throws Exception {
        for (AgentJvm.Jdk jdk : List.of(AgentJvm.Jdk.JDK17, AgentJvm.Jdk.JDK25)) {
            Stored stored = Stored.fresh();
            AgentJvm.Result run = new AgentJvm(jdk, "com.example.log4j2.ToStringThreadsApp").libs("log4j2")
                    .storingIn(MongoSource.get().uri, stored.database)
                    .set("service", "log4j2-reusable").set("app-packages", "com.example")
                    .run();
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.stdout().contains("toString on main: 1"), jdk + ": " + run.output());
            Document d = stored.await(stored.errors(), eq("logger", "shop.Checkout"), 1).get(0);
            assertEquals("checkout of order 7 failed", d.getString("message"), d.toJson());
            assertEquals("checkout of {} failed", d.getString("message_template"), d.toJson());
            assertEquals(1, stored.all().size(), stored.all().toString());
        }
    }
}

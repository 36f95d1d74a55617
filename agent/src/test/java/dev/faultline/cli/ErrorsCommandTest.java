package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code errors}: each option becomes the API parameter of the same filter (HTTP.md), so the CLI and the API match alike. */
class ErrorsCommandTest {
    private static Map<String, String> parameters(String... words) throws UsageException {
        ErrorsCommand command = new ErrorsCommand();
        return command.apiParameters(Args.parse(List.of(words), command.spec()));
    }

    @Test
    void everyContextAndWhereItRanOptionIsItsApiParameter() throws UsageException {
        String[][] pairs = {{"--service", "service"}, {"--environment", "environment"}, {"--release", "release"}, {"--host", "host"},
            {"--thread", "thread"}, {"--logger", "logger"}, {"--exception-type", "exception_type"}, {"--trace-id", "trace_id"},
            {"--job", "job_id"}, {"--user", "user_id"}};
        for (String[] p : pairs) {
            assertEquals(Map.of(p[1], "v-1"), parameters(p[0], "v-1"), p[0]);
        }
    }

    @Test
    void contextIsOneEntryWhoseValueMayHoldAnEqualsSign() throws UsageException {
        assertEquals(Map.of("context.tenant", "acme"), parameters("--context", "tenant=acme"));
        assertEquals(Map.of("context.query", "a=b"), parameters("--context", "query=a=b"));
        assertEquals(Map.of("context.$where", "1"), parameters("--context", "$where=1"), "escaped by the query, as the API's");
    }

    @Test
    void contextWithoutAKeyOrAnEqualsSignIsAUsageError() {
        assertEquals("--context takes KEY=VALUE (one context entry), not \"tenant\"",
                assertThrows(UsageException.class, () -> parameters("--context", "tenant")).getMessage());
        assertThrows(UsageException.class, () -> parameters("--context", "=acme"));
    }
}

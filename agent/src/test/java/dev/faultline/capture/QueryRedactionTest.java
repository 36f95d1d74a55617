package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class QueryRedactionTest {
    @Test
    void replacesTheValuesOfSecretLookingKeys() {
        assertEquals("token=[REDACTED]&page=2&api_key=[REDACTED]&Password=[REDACTED]",
                QueryRedaction.redact("token=abc&page=2&api_key=k1&Password=p"));
    }

    @Test
    void keepsOrdinaryParametersKeysWithoutValuesAndEmptyPairs() {
        assertEquals("q=shoes&flag&&sort=price", QueryRedaction.redact("q=shoes&flag&&sort=price"));
    }

    @Test
    void matchesSessionAndAuthVariantsButNotWordsThatMerelyLookClose() {
        assertEquals("JSESSIONID=[REDACTED]&authorization=[REDACTED]&auth=[REDACTED]&author=jo",
                QueryRedaction.redact("JSESSIONID=x&authorization=y&auth=z&author=jo"));
    }

    @Test
    void leavesAnAbsentQueryAbsent() {
        assertNull(QueryRedaction.redact(null));
        assertEquals("", QueryRedaction.redact(""));
    }
}

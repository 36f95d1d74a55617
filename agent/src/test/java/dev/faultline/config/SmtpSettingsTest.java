package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    private static Setup mail() {
        return Setup.with().property("notify.smtp.host", "smtp.example.com").property("notify.smtp.from", "faultline@example.com")
                .property("notify.smtp.to", "oncall@example.com, ann@example.com");
    }

    @Test
    void withoutAHostThereIsNoEmailChannel() {
        assertNull(Setup.with().load().notifySmtp());
    }

    /** Every key is checked (a trial's port 70000 passed silently while no host was set). */
    @Test
    void aBadPortIsRefusedWithoutAHostToo() {
        String m = Setup.with().property("notify.smtp.port", "70000").failure().getMessage();
        assertTrue(m.contains("for notify.smtp.port"), m);
    }

    @Test
    void aHostWithSenderAndRecipientsGivesTheChannelWithStarttlsOnPort587() {
        Smtp smtp = mail().load().notifySmtp();
        assertEquals("smtp.example.com", smtp.host);
        assertEquals(587, smtp.port);
        assertEquals(List.of("oncall@example.com", "ann@example.com"), smtp.to);
        assertTrue(smtp.starttls);
    }

    @Test
    void theUserNameAndPasswordAreNeverPrinted() {
        Config c = mail().property("notify.smtp.username", "alerts-bot").property("notify.smtp.password", "Sm7pS3cret").load();
        assertFalse(c.toString().contains("Sm7pS3cret"), c.toString());
        assertFalse(c.toString().contains("alerts-bot"), c.toString());
        assertTrue(c.toString().contains("notify.smtp=smtp.example.com:587 from faultline@example.com"), c.toString());
    }

    @Test
    void aRecipientThatIsNotAnAddressOrAHeaderInjectionIsRefusedNamingTheKey() {
        String m = mail().property("notify.smtp.to", "oncall@example.com\r\nBcc: x@evil.example").failure().getMessage();
        assertTrue(m.startsWith("faultline: invalid value \"oncall@example.com  Bcc: x@evil.example\" for notify.smtp.to"), m);
        String noTo = Setup.with().property("notify.smtp.host", "smtp.example.com").property("notify.smtp.from", "f@example.com")
                .failure().getMessage();
        assertTrue(noTo.contains("for notify.smtp.to"), noTo);
    }
}

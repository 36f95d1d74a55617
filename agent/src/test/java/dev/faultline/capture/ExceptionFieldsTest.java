package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ExceptionFieldsTest {
    private final ExceptionFields reader = new ExceptionFields(new InAppRule(List.of("dev.faultline.capture")));

    enum Kind { MISSING, INVALID }

    /** An in-app base class: its fields are read too. */
    static class AppException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final String STATIC_IS_NOT_READ = "static";
        final int code = 422;
        final String entity;

        AppException(String message, String entity, Throwable cause) {
            super(message, cause);
            this.entity = entity;
        }
    }

    static class ValidationException extends AppException {
        private static final long serialVersionUID = 1L;
        final List<String> missingFields;
        final UUID referenceId = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        final Kind kind = Kind.MISSING;
        final Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        final BigDecimal amount = new BigDecimal("12.50");
        final transient AtomicInteger attempts = new AtomicInteger(3);
        final long[] ids = {1, 2};

        ValidationException(String entity, List<String> missingFields, Throwable cause) {
            super("invalid " + entity, entity, cause);
            this.missingFields = missingFields;
        }
    }

    static class GatewayException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        GatewayException(int status) {
            this.status = status;
        }
    }

    /** Application code that must never run while fields are read. */
    static final class Tripwire {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public String toString() {
            CALLS.incrementAndGet();
            return "tripped";
        }

        @Override
        public int hashCode() {
            CALLS.incrementAndGet();
            return 1;
        }

        @Override
        public boolean equals(Object o) {
            CALLS.incrementAndGet();
            return false;
        }
    }

    static class GuardedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Tripwire tripwire = new Tripwire();
        final Object tripwireAsObject = new Tripwire();
        final List<Object> tripwires = new ArrayList<>(List.of(new Tripwire(), "kept"));
        final Map<String, Object> byName = new LinkedHashMap<>(Map.of("t", new Tripwire()));
        final String note = "ok";
    }

    /** A collection class of the application's: its iterator is application code. */
    static final class AppList extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public java.util.Iterator<String> iterator() {
            Tripwire.CALLS.incrementAndGet();
            return super.iterator();
        }
    }

    static class LargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String text = "t".repeat(100_000);
        final List<Integer> numbers = new ArrayList<>();
        final Map<String, String> dotted = new LinkedHashMap<>();
        final List<Object> self = new ArrayList<>();
        final List<String> appList = new AppList();

        LargeException() {
            for (int i = 0; i < 100_000; i++) {
                numbers.add(i);
            }
            dotted.put("user.name", "ann");
            dotted.put("$where", "x");
            self.add(self);
            appList.add("a");
        }
    }

    class InnerException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String value = "inner";
    }

    @Test
    void readsTheDeclaredFieldsOfAnInAppClassAndItsInAppSuperclass() {
        Document fields = reader.read(new ValidationException("order", List.of("email", "zip"), null));
        assertEquals(List.of("email", "zip"), fields.getList("missingFields", String.class));
        assertEquals("123e4567-e89b-12d3-a456-426614174000", fields.getString("referenceId"));
        assertEquals("MISSING", fields.getString("kind"));
        assertEquals(new Date(1_700_000_000_000L), fields.getDate("at"));
        assertEquals("12.50", fields.getString("amount"));
        assertEquals(3L, fields.getLong("attempts"));
        assertEquals(List.of(1L, 2L), fields.getList("ids", Long.class));
        assertEquals(422, fields.getInteger("code"));
        assertEquals("order", fields.getString("entity"));
        assertFalse(fields.containsKey("STATIC_IS_NOT_READ"));
        assertFalse(fields.containsKey("serialVersionUID"));
        assertFalse(fields.containsKey("detailMessage"), "Throwable's own fields are not the application's");
    }

    @Test
    void neverRunsApplicationCodeToReadAValue() {
        Tripwire.CALLS.set(0);
        Document fields = reader.read(new GuardedException());
        assertEquals(0, Tripwire.CALLS.get());
        assertFalse(fields.containsKey("tripwire"));
        assertFalse(fields.containsKey("tripwireAsObject"));
        assertEquals(java.util.Arrays.asList(null, "kept"), fields.getList("tripwires", Object.class));
        assertEquals(new Document(), fields.get("byName"));
        assertEquals("ok", fields.getString("note"));
    }

    @Test
    void capsLongTextAndLargeCollectionsAndKeepsMapKeysForTheScrubber() {
        Tripwire.CALLS.set(0);
        Document fields = reader.read(new LargeException());
        assertTrue(fields.getString("text").startsWith("t".repeat(FieldValues.MAX_STRING) + "... [truncated"));
        List<Object> numbers = fields.getList("numbers", Object.class);
        assertEquals(FieldValues.MAX_ELEMENTS + 1, numbers.size());
        assertEquals("[+" + (100_000 - FieldValues.MAX_ELEMENTS) + " more]", numbers.get(FieldValues.MAX_ELEMENTS));
        // As written: the record's scrubber redacts, then escapes, them (RecordFactoryTest.contextKeysAndMapKeysHoldingASecretAreStoredRedacted).
        assertEquals(Map.of("user.name", "ann", "$where", "x"), fields.get("dotted"));
        assertEquals(java.util.Collections.singletonList(null), fields.getList("self", Object.class));
        assertFalse(fields.containsKey("appList"), "an application's collection class is not iterated");
        assertEquals(0, Tripwire.CALLS.get());
    }

    @Test
    void libraryExceptionsAndSyntheticFieldsAreNotRead() {
        assertNull(reader.read(new IllegalStateException("library")));
        assertEquals(Map.of("value", "inner"), reader.read(new InnerException()), "no this$0");
    }
}

package dev.faultline.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorQueryTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static ErrorQuery parse(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return ErrorQuery.parse(params, NOW);
    }

    private static BsonDocument filter(String... pairs) {
        return parse(pairs).filter.toBsonDocument();
    }

    private static BsonDocument one(String field, BsonValue value) {
        return new BsonDocument(field, value);
    }

    private static String invalid(String... pairs) {
        return assertThrows(InvalidParameter.class, () -> parse(pairs)).getMessage();
    }

    @Test
    void noParametersMeansEverythingNewestFirstFiftyAPage() {
        ErrorQuery q = parse();
        assertEquals(new BsonDocument(), q.filter.toBsonDocument());
        assertEquals(BsonDocument.parse("{timestamp: -1, _id: -1}"), q.sort.toBsonDocument());
        assertEquals(1, q.page.page);
        assertEquals(50, q.page.size);
    }

    @Test
    void exactFiltersMatchTheValueLiterally() {
        assertEquals(one("app", new BsonString("billing")), filter("app", "billing"));
        assertEquals(one("file", new BsonString("com/a/B.java")), filter("file", "com/a/B.java"));
        assertEquals(one("function", new BsonString("charge")), filter("function", "charge"));
        assertEquals(one("job_id", new BsonString("job-7")), filter("job_id", "job-7"));
        assertEquals(one("user_id", new BsonString("42")), filter("user_id", "42"), "a numeric-looking id stays a string");
        assertEquals(one("fingerprint", new BsonString("abc")), filter("fingerprint", "abc"));
    }

    @Test
    void containsFiltersAreCaseInsensitiveLiteralRegexes() {
        assertEquals(one("app", new BsonRegularExpression("bill", "i")), filter("app__icontains", "bill"));
        assertEquals(one("file", new BsonRegularExpression("Order\\.java", "i")), filter("file__icontains", "Order.java"));
        assertEquals(one("function", new BsonRegularExpression("\\(\\.\\*\\)", "i")), filter("function__icontains", "(.*)"));
    }

    @Test
    void severityTakesANameOrANumber() {
        assertEquals(one("severity_num", new BsonInt32(40)), filter("severity", "ERROR"));
        assertEquals(one("severity_num", new BsonInt32(40)), filter("severity", "error"));
        assertEquals(one("severity_num", new BsonInt32(30)), filter("severity", "WARN"));
        assertEquals(one("severity_num", new BsonInt32(30)), filter("severity", "WARNING"));
        assertEquals(one("severity_num", new BsonInt32(50)), filter("severity", "CRITICAL"));
        assertEquals(one("severity_num", new BsonInt32(20)), filter("severity", "INFO"));
        assertEquals(one("severity_num", new BsonInt32(40)), filter("severity", "40"));
        assertEquals(BsonDocument.parse("{severity_num: {$gte: 30}}"), filter("severity__gte", "WARNING"));
        assertEquals(BsonDocument.parse("{severity_num: {$lte: 40}}"), filter("severity__lte", "40"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FATALITY", "101", "-1", "4O", "1e2", "ERROR ERROR", "{\"$gt\": 0}"})
    void severityOutsideTheNamesAndNumbersIsRejected(String value) {
        assertEquals("Invalid severity parameter", invalid("severity", value));
        assertEquals("Invalid severity__gte parameter", invalid("severity__gte", value));
        assertEquals("Invalid severity__lte parameter", invalid("severity__lte", value));
    }

    @Test
    void resolvedAcceptsTheSixSpellingsAndCountsAMissingFieldAsUnresolved() {
        BsonDocument yes = one("resolved", BsonBoolean.TRUE);
        BsonDocument no = BsonDocument.parse("{resolved: {$ne: true}}");
        for (String v : new String[] {"true", "1", "yes", "TRUE", "Yes"}) {
            assertEquals(yes, filter("resolved", v), v);
        }
        for (String v : new String[] {"false", "0", "no", "False", "NO"}) {
            assertEquals(no, filter("resolved", v), v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "tru", "{\"$ne\": true}", "on"})
    void resolvedRejectsAnythingElse(String value) {
        assertEquals("Invalid resolved parameter", invalid("resolved", value));
    }

    @Test
    void timestampsAreIsoDatesTimesOrDurationsAgo() {
        assertEquals(range("$gte", "2024-04-01T00:00:00Z"), filter("timestamp__gte", "2024-04-01"));
        assertEquals(range("$lte", "2024-04-01T10:30:00Z"), filter("timestamp__lte", "2024-04-01T10:30:00Z"));
        assertEquals(range("$gte", "2024-04-01T08:30:00Z"), filter("timestamp__gte", "2024-04-01T10:30:00+02:00"));
        assertEquals(range("$gte", "2024-04-01T08:30:00Z"), filter("timestamp__gte", "2024-04-01T10:30:00 02:00"),
                "a '+' that a query string decoded to a space");
        assertEquals(range("$gte", "2024-04-01T10:30:00Z"), filter("timestamp__gte", "2024-04-01T10:30:00"), "no zone: UTC");
        assertEquals(range("$gte", "2024-04-01T10:30:00.250Z"), filter("timestamp__gte", "2024-04-01 10:30:00.250"));
        assertEquals(range("$gte", "2024-05-01T10:00:00Z"), filter("timestamp__gte", "2h"));
        assertEquals(range("$gte", "2024-04-24T12:00:00Z"), filter("timestamp__gte", "7d"));
        assertEquals(range("$gte", "2024-05-01T11:45:00Z"), filter("timestamp__gte", "PT15M"));
    }

    private static BsonDocument range(String op, String iso) {
        return one("timestamp", new BsonDocument(op, new BsonDateTime(Date.from(Instant.parse(iso)).getTime())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01", "2024-05-01T25:00:00Z", "-2h", "2 hours", "12", "$now", "{\"$gt\": 1}"})
    void timestampsThatDoNotParseAreRejected(String value) {
        assertEquals("Invalid timestamp__gte parameter", invalid("timestamp__gte", value));
        assertEquals("Invalid timestamp__lte parameter", invalid("timestamp__lte", value));
    }

    @Test
    void searchLooksInMessageFunctionFileAndAppCaseInsensitively() {
        BsonRegularExpression re = new BsonRegularExpression("timeout", "i");
        BsonArray any = new BsonArray();
        for (String f : new String[] {"message", "function", "file", "app"}) {
            any.add(one(f, re));
        }
        assertEquals(one("$or", any), filter("search", "timeout"));
    }

    @Test
    void severalFiltersAllHold() {
        BsonDocument f = filter("app", "billing", "severity__gte", "ERROR", "resolved", "no");
        assertEquals(BsonDocument.parse("{$and: [{app: 'billing'}, {severity_num: {$gte: 40}}, {resolved: {$ne: true}}]}"), f);
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertEquals(new BsonDocument(), filter("app", "", "severity", " ", "resolved", ""));
    }

    @Test
    void orderingMapsNamesToFieldsWithDescendingPrefixAndAStableTieBreak() {
        assertEquals(BsonDocument.parse("{timestamp: 1, _id: 1}"), parse("ordering", "timestamp").sort.toBsonDocument());
        assertEquals(BsonDocument.parse("{severity_num: -1, _id: -1}"), parse("ordering", "-severity").sort.toBsonDocument());
        assertEquals(BsonDocument.parse("{app: 1, _id: 1}"), parse("ordering", "app").sort.toBsonDocument());
        assertEquals(BsonDocument.parse("{resolved: -1, _id: -1}"), parse("ordering", "-resolved").sort.toBsonDocument());
        assertEquals(BsonDocument.parse("{app: 1, timestamp: -1, _id: 1}"), parse("ordering", "app,-timestamp").sort.toBsonDocument());
    }

    @ParameterizedTest
    @ValueSource(strings = {"message", "--timestamp", "timestamp,", "severity_num", "{\"$natural\": 1}", "_id"})
    void orderingByAnythingElseIsRejected(String value) {
        assertEquals("Invalid ordering parameter", invalid("ordering", value));
    }

    @Test
    void pagesAreFromOneAndAtMostTwoHundredLong() {
        ErrorQuery q = parse("page", "3", "page_size", "200");
        assertEquals(3, q.page.page);
        assertEquals(200, q.page.size);
        assertEquals(400, q.page.skip());
        assertEquals("Invalid page_size parameter", invalid("page_size", "201"));
        assertEquals("Invalid page_size parameter", invalid("page_size", "0"));
        assertEquals("Invalid page_size parameter", invalid("page_size", "ten"));
        assertEquals("Invalid page parameter", invalid("page", "0"));
        assertEquals("Invalid page parameter", invalid("page", "-1"));
        assertEquals("Invalid page parameter", invalid("page", "99999999999"));
    }

    @Test
    void operatorLookingValuesStayPlainStrings() {
        for (String hostile : new String[] {"{\"$ne\": null}", "$ne", "{$gt: ''}", "[$ne]", "'; return true; //"}) {
            BsonDocument f = filter("app", hostile, "user_id", hostile);
            BsonArray and = f.getArray("$and");
            assertEquals(new BsonString(hostile), and.get(0).asDocument().get("app"), hostile);
            assertEquals(new BsonString(hostile), and.get(1).asDocument().get("user_id"), hostile);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"app[$ne]", "$where", "app.$ne", "resolved[$exists]", "severity_num", "timestamp__gt", "app__contains", "id"})
    void parametersNobodyDeclaredAreRejectedByName(String name) {
        assertEquals("Invalid " + name + " parameter", invalid(name, "x"));
    }

    @Test
    void hugeOrNulValuesAreRejected() {
        assertEquals("Invalid search parameter", invalid("search", "x".repeat(Params.MAX_VALUE_LENGTH + 1)));
        assertEquals("Invalid app parameter", invalid("app", "a\0b"));
        assertTrue(parse("search", "x".repeat(Params.MAX_VALUE_LENGTH)).filter != null);
    }

    @Test
    void formatJsonIsAcceptedAsTheRestFrameworkDoes() {
        assertEquals(new BsonDocument(), filter("format", "json"));
    }

    @Test
    void contextFiltersMatchTheKeyAsTheAgentStoresIt() {
        assertEquals(one("context.user", new BsonString("u-1")), filter("context.user", "u-1"));
        assertEquals(one("context.a_b", new BsonString("x")), filter("context.a.b", "x"));
        assertEquals(one("context._where", new BsonString("1")), filter("context.$where", "1"));
    }

    @Test
    void aContextParameterWithoutAKeyIsRefusedByName() {
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse("context.", "x"));
        assertTrue(e.getMessage().contains("context."), e.getMessage());
    }

    @Test
    void whereItRanFiltersAreExactMatches() {
        for (String field : ErrorQuery.EXACT) {
            assertEquals(one(field, new BsonString("v")), filter(field, "v"), field);
        }
    }

    @Test
    void aTraceIdIsMatchedInTheLowerCaseItIsStoredIn() {
        assertEquals(one("trace_id", new BsonString("4bf92f3577b34da6a3ce929d0e0e4736")),
                filter("trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736"));
    }

    @Test
    void exceptionTypeMatchesTheExceptionOrAnyCause() {
        BsonDocument f = filter("exception_type", "java.io.IOException");
        assertEquals(new BsonArray(java.util.List.of(one("exception.type", new BsonString("java.io.IOException")),
                one("exception.causes.type", new BsonString("java.io.IOException")))), f.getArray("$or"));
    }
}

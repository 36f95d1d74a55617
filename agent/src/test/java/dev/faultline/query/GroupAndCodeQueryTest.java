package dev.faultline.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class GroupAndCodeQueryTest {
    /** Request parameters from name, value pairs (also for IndexCoverageTest). */
    static Map<String, String> params(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void groupsFilterByStatusAppAndSearchOverTitleTypeAndLocationLeavingMergedGroupsOut() {
        GroupQuery q = GroupQuery.parse(params("status", "resolved", "app", "billing", "search", "Time.out"));
        assertEquals(BsonDocument.parse("{$and: [{status: 'resolved'}, {app: 'billing'}, {merged_into: null}, {$or: ["
                + "{title: {$regularExpression: {pattern: 'Time\\\\.out', options: 'i'}}},"
                + "{exception_type: {$regularExpression: {pattern: 'Time\\\\.out', options: 'i'}}},"
                + "{app: {$regularExpression: {pattern: 'Time\\\\.out', options: 'i'}}},"
                + "{file: {$regularExpression: {pattern: 'Time\\\\.out', options: 'i'}}},"
                + "{function: {$regularExpression: {pattern: 'Time\\\\.out', options: 'i'}}}]}]}"), q.filter.toBsonDocument());
    }

    @Test
    void groupsAreMostRecentlySeenFirstUnlessOrderedByCountOrFirstSeen() {
        assertEquals(BsonDocument.parse("{last_seen: -1, _id: -1}"), GroupQuery.parse(params()).sort.toBsonDocument());
        assertEquals(BsonDocument.parse("{count: -1, _id: -1}"), GroupQuery.parse(params("ordering", "-count")).sort.toBsonDocument());
        assertEquals(BsonDocument.parse("{first_seen: 1, _id: 1}"), GroupQuery.parse(params("ordering", "first_seen")).sort.toBsonDocument());
        assertEquals("Invalid ordering parameter",
                assertThrows(InvalidParameter.class, () -> GroupQuery.parse(params("ordering", "title"))).getMessage());
    }

    @Test
    void groupStatusIsOneOfTheThreeStates() {
        for (String bad : new String[] {"open", "RESOLVED", "{\"$ne\": \"ignored\"}", "all"}) {
            assertEquals("Invalid status parameter",
                    assertThrows(InvalidParameter.class, () -> GroupQuery.parse(params("status", bad))).getMessage(), bad);
        }
        assertEquals("Invalid status[$ne] parameter",
                assertThrows(InvalidParameter.class, () -> GroupQuery.parse(params("status[$ne]", "x"))).getMessage());
    }

    @Test
    void codeHistoryIsNewestFirstAHundredByDefault() {
        CodeQuery q = CodeQuery.parse(params());
        assertEquals(new BsonDocument(), q.filter.toBsonDocument());
        assertEquals(BsonDocument.parse("{created_at: -1, _id: -1}"), q.sort.toBsonDocument());
        assertEquals(100, q.limit);
    }

    @Test
    void codeHistoryFiltersByCodeAndActiveState() {
        assertEquals(BsonDocument.parse("{$and: [{code: 'disk_full_m1'}, {active: true}]}"),
                CodeQuery.parse(params("code", "disk_full_m1", "active", "yes")).filter.toBsonDocument());
        assertEquals(BsonDocument.parse("{active: false}"), CodeQuery.parse(params("active", "0")).filter.toBsonDocument());
        assertEquals(7, CodeQuery.parse(params("limit", "7")).limit);
    }

    @Test
    void codeHistoryRejectsBadLimitsAndActiveValues() {
        for (String[] bad : new String[][] {{"limit", "0"}, {"limit", "10001"}, {"limit", "many"}, {"active", "maybe"}, {"code[$regex]", ".*"}}) {
            assertEquals("Invalid " + bad[0] + " parameter",
                    assertThrows(InvalidParameter.class, () -> CodeQuery.parse(params(bad[0], bad[1]))).getMessage());
        }
    }
}

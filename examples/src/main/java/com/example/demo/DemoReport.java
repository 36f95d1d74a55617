package com.example.demo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Sorts;
import java.util.List;
import org.bson.Document;

/** Prints what the demo's applications stored: occurrences per path, the groups, the error-code episodes. */
final class DemoReport {
    private DemoReport() {
    }

    static void print(MongoDatabase db) {
        System.out.println();
        System.out.println("== occurrences in " + DemoRun.DATABASE + ".app_errors, by capture path (source)");
        long total = 0;
        for (Document d : db.getCollection("app_errors").aggregate(List.of(
                Aggregates.group("$source", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))))) {
            System.out.printf("  %-10s %6d%n", d.getString("_id"), ((Number) d.get("n")).longValue());
            total += ((Number) d.get("n")).longValue();
        }
        System.out.printf("  %-10s %6d%n", "total", total);

        System.out.println();
        System.out.println("== groups in error_groups: one per distinct error, counted exactly");
        String row = "  %6s  %-8s  %-10s  %-42s  %s%n";
        System.out.printf(row, "count", "severity", "app", "file / function", "title");
        for (Document g : db.getCollection("error_groups").find().sort(Sorts.descending("count"))) {
            System.out.printf(row, g.get("count"), g.getString("severity"), g.getString("app"),
                    cut(g.getString("file") + " " + g.getString("function"), 42), cut(g.getString("title"), 70));
        }

        System.out.println();
        System.out.println("== error-code episodes in error_codes");
        for (Document c : db.getCollection("error_codes").find().sort(Sorts.ascending("created_at"))) {
            System.out.printf("  %s: %s occurrence(s), %s alert(s), %s%n", c.getString("code"), c.get("occurrences"),
                    c.get("alerts"), Boolean.TRUE.equals(c.getBoolean("active")) ? "active" : c.getString("clear_message"));
        }
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}

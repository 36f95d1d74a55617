package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.capture.Fingerprints;
import dev.faultline.capture.Occurrence;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The writer's side of a grouping_version change: each previous group merged into its new one, once. */
class VersionMigrationsTest {
    private static final long SECOND = 1_000_000_000L;
    private final FakeDatabase db = new FakeDatabase();
    private final VersionMigrations migrations = new VersionMigrations();

    private static Occurrence occurrence(String fingerprint, String previous) {
        Document d = new Document("_id", "id").append("fingerprint", fingerprint);
        if (previous != null) {
            d.append("previous_fingerprint", previous);
        }
        return Occurrence.of(d);
    }

    @Test
    void eachPreviousGroupIsMergedIntoItsNewGroupOnce() {
        migrations.note(occurrence("new", "old-a"));
        migrations.note(occurrence("new", "old-b"));
        migrations.note(occurrence("new", "old-a"));
        migrations.run(db, 0);
        migrations.note(occurrence("new", "old-a"));
        migrations.run(db, 2 * SECOND);
        int v = Fingerprints.VERSION;
        assertEquals(List.of("old-a->new@" + v, "old-b->new@" + v), db.migrations);
    }

    @Test
    void aMigrationWaitsUntilTheNewGroupIsWritten() {
        db.migrationTargetsMissing.add("new");
        migrations.note(occurrence("new", "old"));
        migrations.run(db, 0);
        migrations.run(db, SECOND / 2);
        db.migrationTargetsMissing.clear();
        migrations.run(db, 2 * SECOND);
        migrations.run(db, 4 * SECOND);
        int v = Fingerprints.VERSION;
        assertEquals(List.of("old->new@" + v, "old->new@" + v), db.migrations, "tried at most once a second, until written");
    }

    @Test
    void occurrencesWithoutAPreviousGroupMigrateNothing() {
        migrations.note(occurrence("new", null));
        migrations.run(db, 0);
        assertEquals(List.of(), db.migrations);
    }
}

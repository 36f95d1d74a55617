package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import org.bson.Document;

/**
 * One agent's {@code grouping_version} migration, driven from a test in this JVM: the writer's
 * {@link VersionMigrations} over the real {@link MongoStore}, on the real MongoDB wire. What the
 * writer does for each occurrence written ({@link #note}) and on each cycle ({@link #run}),
 * without the rest of the writer and without a hook in the product.
 */
public final class Migrator implements AutoCloseable {
    private final MongoStore store;
    private final VersionMigrations migrations = new VersionMigrations();
    private long now;

    public Migrator(String uri, String database) {
        this.store = new MongoStore(uri, database, new Health());
    }

    /** An occurrence written in group {@code fingerprint} whose previous-version group was {@code previous}. */
    public void note(String fingerprint, String previous) {
        migrations.note(Occurrence.of(new Document("_id", "id").append("fingerprint", fingerprint)
                .append("previous_fingerprint", previous)));
    }

    /** One writer cycle, a retry interval after the last. */
    public void run() {
        now += 2_000_000_000L;
        migrations.run(store, now);
    }

    @Override
    public void close() {
        store.close();
    }
}

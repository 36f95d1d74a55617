package dev.faultline.cli;

import dev.faultline.query.Database;
import dev.faultline.query.Lookup;
import org.bson.Document;

/** A command that shows one document named by its id (or a unique beginning of it). */
abstract class ShowCommand extends Command {
    private final String what;

    ShowCommand(String name, String usage, String summary, String what) {
        super(name, usage, summary);
        this.what = what;
    }

    abstract Lookup lookup(Database db);

    /** Prints the document for a person. */
    abstract void show(Document d, Session s);

    @Override
    final Args.Spec spec() {
        return new Args.Spec().positional(1, 1);
    }

    @Override
    final int run(Args args, Session s) throws UsageException {
        String given = args.positional().get(0);
        Lookup lookup = lookup(s.database());
        String id = Ids.one(lookup.matchingIds(given), given, what);
        Document d = id == null ? null : lookup.find(id);
        if (d == null) {
            s.err.println("faultline: no " + what + " " + Text.cell(given, 64));
            return 1;
        }
        if (s.json) {
            s.printJson(d);
        } else {
            show(d, s);
        }
        return 0;
    }
}

package dev.faultline.cli;

import java.util.List;

/** One CLI command: its name, its one-line usage, the arguments it accepts, and what it does. */
abstract class Command {
    final String name;
    final String usage;
    final String summary;

    Command(String name, String usage, String summary) {
        this.name = name;
        this.usage = usage;
        this.summary = summary;
    }

    abstract Args.Spec spec();

    /** @return the exit code */
    abstract int run(Args args, Session session) throws UsageException;

    /** {@code <kind> remove <id>}: removes with {@code remove} and says so; exit 1 when there was no such id. */
    static int remove(List<String> words, java.util.function.Predicate<String> remove, String kind, Session s)
            throws UsageException {
        if (words.size() != 2) {
            throw new UsageException("remove needs the rule's id");
        }
        String id = words.get(1);
        if (!remove.test(id)) {
            s.err.println("faultline: no " + kind + " " + Text.cell(id, 64));
            return 1;
        }
        if (s.json) {
            s.printJson(new org.bson.Document("removed", id));
        } else {
            s.out.println("removed " + kind + " " + id);
        }
        return 0;
    }

    /** The option a query parameter came from, to name it in an error. */
    String optionFor(String parameter) {
        return "--" + parameter.replace('_', '-');
    }
}

package dev.faultline.cli;

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

    /** The option a query parameter came from, to name it in an error. */
    String optionFor(String parameter) {
        return "--" + parameter.replace('_', '-');
    }
}

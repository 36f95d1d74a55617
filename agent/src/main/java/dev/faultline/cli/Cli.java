package dev.faultline.cli;

import dev.faultline.core.AgentVersion;
import java.io.PrintStream;

/**
 * {@code java -jar faultline-agent.jar <command>}. Exit codes: 0 done, 1 failed (no server, for
 * instance), 2 bad arguments (with a one-line usage hint).
 */
public final class Cli {
    static final String USAGE = "usage: java -jar faultline-agent.jar <version|help> (more commands arrive with the triage issue)";

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "version":
            case "--version":
                out.println("faultline " + AgentVersion.get());
                return 0;
            case "help":
            case "--help":
            case "-h":
                out.println(USAGE);
                return 0;
            default:
                err.println("unknown command \"" + command + "\"; " + USAGE);
                return 2;
        }
    }
}

package dev.faultline.cli;

/** A bad command line: exit code 2, the message and the command's one-line usage. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }

    /** Bad settings the command read: a line each, in the command's words (not the agent's "Faultline is off"). */
    static UsageException of(dev.faultline.config.ConfigException e) {
        return new UsageException(String.join("\nfaultline: ", e.problems()));
    }
}

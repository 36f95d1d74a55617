package dev.faultline.cli;

/** A bad command line: exit code 2, the message and the command's one-line usage. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}

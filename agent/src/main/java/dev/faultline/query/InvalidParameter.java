package dev.faultline.query;

/**
 * A filter or option value that does not parse. {@link #getMessage()} is the API's answer
 * ({@code Invalid <param> parameter}); {@link #expected()} says what would have been accepted, for
 * people at a terminal.
 */
public final class InvalidParameter extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Parameter names are echoed back; a hostile one must not make the answer large. */
    private static final int MAX_NAME = 64;

    private final String parameter;
    private final String expected;

    public InvalidParameter(String parameter, String expected) {
        super("Invalid " + shorten(parameter) + " parameter", null, false, false);
        this.parameter = shorten(parameter);
        this.expected = expected;
    }

    /** The parameter's name as the caller spelled it (shortened when very long). */
    public String parameter() {
        return parameter;
    }

    /** The accepted form, e.g. "true or false". */
    public String expected() {
        return expected;
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "...";
    }
}

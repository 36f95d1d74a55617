package dev.faultline.bootstrap;

/**
 * One log event remembered before an occurrence on the same thread, as copied from the
 * thread's ring when the occurrence was captured: references, formatted on the writer thread.
 */
public final class Breadcrumb {
    /** Epoch milliseconds. */
    public final long timestamp;
    /** One of the {@link Severity} numbers. */
    public final int severity;
    public final String logger;
    /** The template, cut to its first {@value Breadcrumbs#MAX_TEMPLATE_CHARS} characters. */
    public final String template;
    /** Characters cut from the end of the template. */
    public final int templateCut;
    /** The kept arguments (null when none); argument i is a class name when bit i of {@link #typeOnly} is set. */
    public final Object[] args;
    public final int typeOnly;
    /** A {@link CapturedEvent} {@code FORMAT_*} constant. */
    public final int format;

    Breadcrumb(long timestamp, int severity, String logger, String template, int templateCut, Object[] args,
            int typeOnly, int format) {
        this.timestamp = timestamp;
        this.severity = severity;
        this.logger = logger;
        this.template = template;
        this.templateCut = templateCut;
        this.args = args;
        this.typeOnly = typeOnly;
        this.format = format;
    }

    /** True when argument {@code i} was not kept and {@link #args}{@code [i]} is its class name. */
    public boolean typeOnly(int i) {
        return i < 32 && (typeOnly & (1 << i)) != 0;
    }
}

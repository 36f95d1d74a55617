package dev.faultline.instrument;

/**
 * An instrumentation that rewrites its class without Byte Buddy, cheaply enough to run in premain
 * (see {@link Weaving#install}): only for a JDK class whose hook must be live before {@code main}.
 * Its result is kept in the {@link WovenCache} like a weave's, as a plain entry.
 */
public interface ClassRewriter {
    /** The rewritten class file, or null when the class's shape is not the expected one. */
    byte[] rewrite(byte[] classfile);
}

package dev.faultline.intake;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Throwable's stack on the application thread without materialising it: where it was
 * thrown ({@link #topHash}, for the storm key) and whether it has no stack frames (made with {@code
 * writableStackTrace=false}, a {@code fillInStackTrace} that does nothing, as preallocated
 * exceptions often have, or {@code setStackTrace(new StackTraceElement[0])}) without calling
 * {@code getStackTrace()}, which materialises every frame (far over the intake's budget). It reads
 * Throwable's private fields, the same on JDK 17 to 25: {@code stackTrace} (null when not
 * writable; the shared {@code UNASSIGNED_STACK} until first read; else the frames), {@code
 * depth} (the native backtrace's frame count) and {@code backtrace}.
 *
 * <p>That needs {@code java.lang} open to the agent's module, done once on the writer thread by
 * {@link #open}. Until then, or when it is not possible, {@link #topHash} answers 0 (one storm
 * key for every throw site, as before it) and {@link #none} false: such an
 * event is then located as before, from its (empty) chain, so {@code file} and {@code line} stay
 * null.
 */
public final class Frames {
    /** The handles {@link #open} found, for {@link Opened}'s initialiser; published by {@link #open}'s volatile write. */
    private static Handles found;
    private static volatile boolean opened;

    private Frames() {
    }

    /** The handles on Throwable's fields. */
    private static final class Handles {
        final VarHandle stackTrace;
        final VarHandle depth;
        final VarHandle backtrace;
        final Object unassigned;

        Handles(MethodHandles.Lookup lookup) throws ReflectiveOperationException {
            stackTrace = lookup.findVarHandle(Throwable.class, "stackTrace", StackTraceElement[].class);
            depth = lookup.findVarHandle(Throwable.class, "depth", int.class);
            backtrace = lookup.findVarHandle(Throwable.class, "backtrace", Object.class);
            unassigned = lookup.findStaticVarHandle(Throwable.class, "UNASSIGNED_STACK", StackTraceElement[].class).get();
        }
    }

    /**
     * The handles as constants, so that the JIT turns {@link #none} into plain field reads: through
     * a handle held in a mutable field each read went through the handle's generic invoker.
     * Initialised at its first use, after {@link #open} found the handles.
     */
    private static final class Opened {
        static final VarHandle STACK_TRACE = found.stackTrace;
        static final VarHandle DEPTH = found.depth;
        static final VarHandle BACKTRACE = found.backtrace;
        static final Object UNASSIGNED = found.unassigned;
    }

    /** Opens the package of the JDK's {@code type} to the agent's module, when it is not open to it yet. */
    static void openToAgent(Instrumentation inst, Class<?> type) {
        Module module = type.getModule();
        Module own = Frames.class.getModule();
        String pkg = type.getPackageName();
        if (!module.isOpen(pkg, own)) {
            inst.redefineModule(module, Collections.<Module>emptySet(), Collections.<String, Set<Module>>emptyMap(),
                    Collections.singletonMap(pkg, Collections.singleton(own)),
                    Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
        }
    }

    /** Opens java.lang to this module and looks the fields up; the reason when that failed, else null. */
    public static String open(Instrumentation inst) {
        try {
            openToAgent(inst, Throwable.class);
            found = new Handles(MethodHandles.privateLookupIn(Throwable.class, MethodHandles.lookup()));
            opened = true;
            return null;
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /**
     * The frames at the top of a stack that {@link #topHash} reads: enough to tell the throw sites
     * of one exception type apart, few enough to read on the application thread.
     */
    static final int TOP_FRAMES = 8;

    /**
     * A hash of where {@code t} was thrown: the method and bytecode index of each of its top
     * {@link #TOP_FRAMES} frames, read from the JVM's backtrace without materialising a frame (a
     * few field and array reads, no allocation: {@code TopHashCost}); 0 when not known (not opened, no
     * frames, a backtrace of another layout). HotSpot's backtrace, JDK 17 to 25 (javaClasses.hpp,
     * {@code trace_*_offset}), is an {@code Object[]} whose first two slots hold the frames' method
     * ids ({@code short[]}, unique within a class) and bytecode indexes with their class versions
     * ({@code int[]}); the classes are left out (their hash costs more than the rest together), so
     * two places agreeing in all of these but their classes share a hash. A backtrace of any other
     * shape answers 0, so a JVM that changes it only loses the distinction.
     */
    public static int topHash(Throwable t) {
        if (!opened) {
            return 0;
        }
        Object backtrace = Opened.BACKTRACE.get(t);
        if (!(backtrace instanceof Object[])) {
            return 0;
        }
        Object[] chunk = (Object[]) backtrace;
        if (chunk.length < 2 || !(chunk[0] instanceof short[]) || !(chunk[1] instanceof int[])) {
            return 0;
        }
        short[] methods = (short[]) chunk[0];
        int[] bcis = (int[]) chunk[1];
        int n = Math.min(Math.min(TOP_FRAMES, (int) Opened.DEPTH.get(t)), Math.min(methods.length, bcis.length));
        int h = 0;
        for (int i = 0; i < n; i++) {
            // The bytecode index is the high half of its int, the class version the low one (0 but
            // after a redefinition): the method id takes the low half.
            h = h * 31 + (bcis[i] ^ methods[i]);
        }
        return n == 0 || h != 0 ? h : 1;
    }

    /** True when {@code t} certainly has no frames; false when it has some or this is not known. */
    public static boolean none(Throwable t) {
        if (!opened) {
            return false;
        }
        // Each call site's type is its handle's exact type (the casts): no adaptation on the way.
        StackTraceElement[] trace = (StackTraceElement[]) Opened.STACK_TRACE.get(t);
        if (trace == null) {
            // Not writable; a subclass's readObject may have left a backtrace.
            return Opened.BACKTRACE.get(t) == null || (int) Opened.DEPTH.get(t) == 0;
        }
        if (trace != Opened.UNASSIGNED) {
            return trace.length == 0;
        }
        return (int) Opened.DEPTH.get(t) == 0;
    }
}

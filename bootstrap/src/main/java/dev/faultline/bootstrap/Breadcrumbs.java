package dev.faultline.bootstrap;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thread's last log events, for the breadcrumbs of its next occurrence: a ring of slots
 * allocated once, so remembering a log call stores a few references and numbers and allocates
 * nothing. Nothing is formatted here; the writer formats the few that an occurrence carries.
 *
 * <p>Memory is bounded per thread whatever the application logs: a slot keeps at most
 * {@link #MAX_ARGUMENTS} arguments, and only those that are small and the JDK's own (null, a
 * String of at most {@link #MAX_ARGUMENT_CHARS} characters, a boxed primitive, a UUID; an enum
 * as its name). Any other argument (a 64 KiB String, the application's own objects, arrays) is
 * not kept, only its class name, so a breadcrumb never keeps the application's data or its
 * class loader alive. A template longer than {@link #MAX_TEMPLATE_CHARS} is kept cut (a copy,
 * allocated only for such a template).
 *
 * <p>An occurrence takes only what its thread remembered since its previous occurrence was
 * handed over ({@link #pending}, each event copied at most once), and its own event is not
 * remembered here: the writer keeps each thread's trail ({@code capture.Trails}, keyed by
 * {@link #id}) and adds both. So a thread that only logs errors copies nothing.
 */
final class Breadcrumbs {
    static final int MAX_ARGUMENTS = 8;
    static final int MAX_ARGUMENT_CHARS = 256;
    static final int MAX_TEMPLATE_CHARS = 1024;

    /** One remembered event: an object per slot, so remembering writes one or two cache lines. */
    private static final class Slot {
        long timestamp;
        int severity;
        int format;
        int templateCut;
        int argumentCount;
        /** Bit i: argument i was not kept, {@link #arguments} holds its class name. */
        int typeOnly;
        String logger;
        String template;
        /** Kept arguments: a String, an enum's name or a class name; null for a primitive (see {@link #kinds}). */
        final Object[] arguments = new Object[MAX_ARGUMENTS];
        /** The {@code KIND_*} of each argument: a boxed primitive is kept as its bits, not as the box. */
        final byte[] kinds = new byte[MAX_ARGUMENTS];
        final long[] bits = new long[MAX_ARGUMENTS];
    }

    private static final byte KIND_REFERENCE = 0;
    private static final byte KIND_INT = 1;
    private static final byte KIND_LONG = 2;
    private static final byte KIND_DOUBLE = 3;
    private static final byte KIND_BOOLEAN = 4;
    private static final byte KIND_FLOAT = 5;
    private static final byte KIND_SHORT = 6;
    private static final byte KIND_BYTE = 7;
    private static final byte KIND_CHAR = 8;

    private static final AtomicLong IDS = new AtomicLong();

    /** This thread's trail on the writer's side ({@link CapturedEvent#trail}); never 0. */
    final long id = IDS.incrementAndGet();
    private final Slot[] slots;
    private int next;
    /** Events remembered and not forgotten, at most the ring's size. */
    private int filled;
    /** Events remembered since the last hand-over, at most {@link #filled}. */
    private int pending;
    /** Forgotten ({@link #clear}) since the last hand-over: the writer forgets the trail too. */
    private boolean cleared;

    Breadcrumbs(int size) {
        slots = new Slot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new Slot();
        }
    }

    int capacity() {
        return slots.length;
    }

    void add(int severity, long timestamp, String logger, String template, Object[] args, int format) {
        Slot[] all = slots;
        int i = next;
        next = i + 1 == all.length ? 0 : i + 1;
        if (filled < all.length) {
            filled++;
        }
        if (pending < all.length) {
            pending++;
        }
        Slot slot = all[i];
        slot.timestamp = timestamp;
        slot.severity = severity;
        // A reference stored into the (old) ring costs a GC write barrier: the same logger and
        // template as the event this slot held last time are not stored again.
        if (slot.logger != logger) {
            slot.logger = logger;
        }
        slot.format = format;
        if (template != null && template.length() > MAX_TEMPLATE_CHARS) {
            slot.templateCut = template.length() - MAX_TEMPLATE_CHARS;
            template = template.substring(0, MAX_TEMPLATE_CHARS);
        } else {
            slot.templateCut = 0;
        }
        if (slot.template != template) {
            slot.template = template;
        }
        Object[] kept = slot.arguments;
        byte[] kinds = slot.kinds;
        int n = args == null ? 0 : Math.min(args.length, MAX_ARGUMENTS);
        int types = 0;
        for (int a = 0; a < n; a++) {
            Object arg = args[a];
            byte kind = primitive(arg, slot.bits, a);
            kinds[a] = kind;
            if (kind != KIND_REFERENCE) {
                if (kept[a] != null) {
                    kept[a] = null;
                }
                continue;
            }
            Object small = small(arg);
            if (small == null && arg != null) {
                types |= 1 << a;
                small = arg.getClass().getName(); // cached by Class: no allocation after the first
            }
            if (kept[a] != small) {
                kept[a] = small;
            }
        }
        for (int a = n; a < slot.argumentCount; a++) {
            kept[a] = null;
        }
        slot.argumentCount = n;
        slot.typeOnly = types;
    }

    /** Keeps a boxed primitive's value in {@code bits[i]} and says which kind it is; else {@link #KIND_REFERENCE}. */
    private static byte primitive(Object arg, long[] bits, int i) {
        if (arg instanceof Integer) {
            bits[i] = (Integer) arg;
            return KIND_INT;
        }
        if (arg instanceof Long) {
            bits[i] = (Long) arg;
            return KIND_LONG;
        }
        if (arg instanceof Double) {
            bits[i] = Double.doubleToRawLongBits((Double) arg);
            return KIND_DOUBLE;
        }
        if (arg instanceof Boolean) {
            bits[i] = (Boolean) arg ? 1 : 0;
            return KIND_BOOLEAN;
        }
        if (arg instanceof Float) {
            bits[i] = Float.floatToRawIntBits((Float) arg);
            return KIND_FLOAT;
        }
        if (arg instanceof Short) {
            bits[i] = (Short) arg;
            return KIND_SHORT;
        }
        if (arg instanceof Byte) {
            bits[i] = (Byte) arg;
            return KIND_BYTE;
        }
        if (arg instanceof Character) {
            bits[i] = (Character) arg;
            return KIND_CHAR;
        }
        return KIND_REFERENCE;
    }

    /** The box of a primitive kept by {@link #primitive} (on the capture path: allocating is fine). */
    private static Object box(byte kind, long bits) {
        switch (kind) {
            case KIND_INT:
                return (int) bits;
            case KIND_LONG:
                return bits;
            case KIND_DOUBLE:
                return Double.longBitsToDouble(bits);
            case KIND_BOOLEAN:
                return bits != 0;
            case KIND_FLOAT:
                return Float.intBitsToFloat((int) bits);
            case KIND_SHORT:
                return (short) bits;
            case KIND_BYTE:
                return (byte) bits;
            default:
                return (char) bits;
        }
    }

    /** A reference argument itself when it is small and the JDK's, an enum's name, else null. */
    private static Object small(Object arg) {
        if (arg instanceof String) {
            return ((String) arg).length() <= MAX_ARGUMENT_CHARS ? arg : null;
        }
        if (arg instanceof UUID) {
            return arg;
        }
        if (arg instanceof Enum) {
            return ((Enum<?>) arg).name();
        }
        return null;
    }

    /** Forgets every remembered event (a request begins or ends on this thread). */
    void clear() {
        filled = 0;
        pending = 0;
        cleared = true;
    }

    /** True when {@link #clear} ran since the last hand-over. */
    boolean cleared() {
        return cleared;
    }

    /** The occurrence that took {@link #pending} is on its way to the writer: those are handed over. */
    void handedOver() {
        pending = 0;
        cleared = false;
    }

    /** Copies the events remembered since the last hand-over, oldest first, or null when there are none. */
    Breadcrumb[] pending() {
        return last(pending);
    }

    /** Copies every event remembered (and not forgotten), oldest first, or null when there are none. */
    Breadcrumb[] all() {
        return last(filled);
    }

    private Breadcrumb[] last(int n) {
        if (n == 0) {
            return null;
        }
        Breadcrumb[] out = new Breadcrumb[n];
        int i = next - n;
        if (i < 0) {
            i += slots.length;
        }
        for (int k = 0; k < n; k++) {
            Slot slot = slots[i];
            Object[] args = null;
            if (slot.argumentCount > 0) {
                args = new Object[slot.argumentCount];
                for (int a = 0; a < args.length; a++) {
                    args[a] = slot.kinds[a] == KIND_REFERENCE ? slot.arguments[a] : box(slot.kinds[a], slot.bits[a]);
                }
            }
            out[k] = new Breadcrumb(slot.timestamp, slot.severity, slot.logger, slot.template, slot.templateCut, args,
                    slot.typeOnly, slot.format);
            i = i + 1 == slots.length ? 0 : i + 1;
        }
        return out;
    }
}

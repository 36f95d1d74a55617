package dev.faultline.capture;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * {@code exception.fields}: the instance fields an application's own exception class declares,
 * with those of its in-app superclasses (DESIGN.md section 4). A validation exception carrying
 * its missing fields, entity and reference id becomes searchable by them.
 *
 * <p>Runs on the writer thread, from the throwable reference the bridge handed over: the
 * application thread pays nothing. Fields are read directly (never a getter), and values are kept
 * only when they are of a JDK value type (see {@link FieldValues}); nothing of the application's
 * code runs. A class whose fields cannot be listed (a field type whose class loader is gone) or
 * opened (a named module that does not open its package) contributes nothing.
 */
final class ExceptionFields {
    static final int MAX_FIELDS = 64;

    private final InAppRule inApp;

    // Per class, weakly: an exception class whose loader is dropped is not kept alive by us.
    private final ClassValue<Field[]> readable = new ClassValue<Field[]>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            try {
                return collect(type);
            } catch (Throwable t) {
                return new Field[0];
            }
        }
    };

    ExceptionFields(InAppRule inApp) {
        this.inApp = inApp;
    }

    /** The fields as a document, or null when there are none. */
    Document read(Throwable t) {
        Field[] fields = readable.get(t.getClass());
        if (fields.length == 0) {
            return null;
        }
        Document out = new Document();
        for (Field f : fields) {
            Object value;
            try {
                value = FieldValues.convert(f.get(t), 0);
            } catch (Throwable e) {
                // concurrently modified collection, unreadable field: leave it out
                continue;
            }
            if (value != FieldValues.SKIP) {
                out.put(f.getName(), value);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private Field[] collect(Class<?> type) {
        List<Field> out = new ArrayList<Field>();
        Set<String> names = new HashSet<String>();
        for (Class<?> c = type; c != null && c != Throwable.class && inApp.inApp(c.getName()); c = c.getSuperclass()) {
            Field[] declared;
            try {
                declared = c.getDeclaredFields();
            } catch (Throwable e) {
                break;
            }
            for (Field f : declared) {
                if (out.size() == MAX_FIELDS) {
                    return out.toArray(new Field[0]);
                }
                int m = f.getModifiers();
                // A subclass field hides a superclass field of the same name, as in Java.
                if (Modifier.isStatic(m) || f.isSynthetic() || !FieldValues.mayHold(f.getType()) || !names.add(f.getName())) {
                    continue;
                }
                try {
                    if (f.trySetAccessible()) {
                        out.add(f);
                    }
                } catch (RuntimeException e) {
                    // a security manager said no
                }
            }
        }
        return out.toArray(new Field[0]);
    }
}

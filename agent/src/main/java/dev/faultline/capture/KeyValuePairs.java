package dev.faultline.capture;

import java.lang.reflect.Field;

/**
 * SLF4J 2 key-value pairs, read without linking to SLF4J (the agent's loader cannot see the
 * application's): a {@code KeyValuePair} has public fields {@code key} and {@code value},
 * looked up once per class. Used on application threads (error codes) and the writer (context).
 */
public final class KeyValuePairs {
    private static final ClassValue<Field[]> FIELDS = new ClassValue<Field[]>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            try {
                return new Field[] {type.getField("key"), type.getField("value")};
            } catch (NoSuchFieldException | RuntimeException e) {
                return null;
            }
        }
    };

    private KeyValuePairs() {
    }

    /** The {@code key} and {@code value} fields of {@code pair}'s class, or null when it has none. */
    public static Field[] fields(Object pair) {
        return pair == null ? null : FIELDS.get(pair.getClass());
    }
}

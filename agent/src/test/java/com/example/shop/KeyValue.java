package com.example.shop;

/** SLF4J 2's {@code KeyValuePair} shape, for unit tests: public final fields key and value. */
public final class KeyValue {
    public final String key;
    public final Object value;

    public KeyValue(String key, Object value) {
        this.key = key;
        this.value = value;
    }
}

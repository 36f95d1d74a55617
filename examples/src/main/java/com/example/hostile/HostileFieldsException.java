package com.example.hostile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An application exception whose fields are large, self-referencing, secret or booby-trapped. */
final class HostileFieldsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String megabyte = "f".repeat(1024 * 1024);
    final List<Integer> manyNumbers = new ArrayList<>();
    final Map<String, String> dottedKeys = new HashMap<>();
    final List<Object> selfContaining = new ArrayList<>();
    final Object trap = new Trap();
    final String password = "field-password-value";

    HostileFieldsException() {
        super("hostile fields");
        for (int i = 0; i < 100_000; i++) {
            manyNumbers.add(i);
        }
        dottedKeys.put("user.name", "ann");
        dottedKeys.put("$where", "1 == 1");
        selfContaining.add(selfContaining);
    }

    /** Application code that must never run on the agent's behalf. */
    static final class Trap {
        @Override
        public String toString() {
            throw new IllegalStateException("toString of an application type was called");
        }

        @Override
        public int hashCode() {
            throw new IllegalStateException("hashCode of an application type was called");
        }
    }
}

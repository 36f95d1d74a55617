package dev.faultline.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} or {@code --name=value} options, {@code --flag}
 * switches, and positional words. Anything not declared is a usage error, never ignored.
 */
final class Args {
    /** Options every command that reads MongoDB accepts. */
    static final List<String> CONNECTION = Arrays.asList("--uri", "--database");

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    static Args parse(List<String> words, Spec spec) throws UsageException {
        Args a = new Args();
        boolean onlyPositional = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (onlyPositional || !w.startsWith("--") || w.length() == 2) {
                if (w.equals("--") && !onlyPositional) {
                    onlyPositional = true;
                } else {
                    a.positional.add(w);
                }
                continue;
            }
            int eq = w.indexOf('=');
            String name = eq > 0 ? w.substring(0, eq) : w;
            if (spec.valued.contains(name)) {
                String value;
                if (eq > 0) {
                    value = w.substring(eq + 1);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (a.options.put(name, value) != null) {
                    throw new UsageException(name + " given twice");
                }
            } else if (spec.flags.contains(name) && eq < 0) {
                a.flags.add(name);
            } else {
                throw new UsageException(spec.flags.contains(name) ? name + " takes no value" : "unknown option " + name);
            }
        }
        if (a.positional.size() < spec.minPositional || a.positional.size() > spec.maxPositional) {
            throw new UsageException(spec.maxPositional == 0 ? "unexpected argument " + a.positional.get(0)
                    : a.positional.size() < spec.minPositional ? "missing argument" : "too many arguments");
        }
        return a;
    }

    String option(String name) {
        return options.get(name);
    }

    String option(String name, String absent) {
        String v = options.get(name);
        return v == null ? absent : v;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    /** What a command accepts. */
    static final class Spec {
        final Set<String> valued = new HashSet<>(CONNECTION);
        final Set<String> flags = new HashSet<>(Arrays.asList("--json"));
        int minPositional;
        int maxPositional;

        Spec options(String... names) {
            valued.addAll(Arrays.asList(names));
            return this;
        }

        Spec flags(String... names) {
            flags.addAll(Arrays.asList(names));
            return this;
        }

        Spec positional(int min, int max) {
            minPositional = min;
            maxPositional = max;
            return this;
        }
    }
}

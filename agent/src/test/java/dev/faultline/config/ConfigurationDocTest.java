package dev.faultline.config;

import dev.faultline.instrument.CapturePaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md (the "Keys" table) and README.md (the "Configuration" section) say what
 * the code does: the same keys, the same defaults, and the same answer to "does this key change
 * anything yet". Each failure names the key and the file to fix.
 *
 * <p>How a default cell is read: a first code span without {@code <} ({@code `8192`}) is the
 * literal default and must equal {@link Keys#DEFAULTS}; "empty ...", prose, or a placeholder span
 * ({@code `<java.io.tmpdir>/...`}) means the code's default is empty (computed at start-up or
 * nothing). A row naming several keys gives one default for all, or one per key, comma-separated.
 */
class ConfigurationDocTest {
    private static final Path MODULE = Paths.get("").toAbsolutePath();
    private static final Path CONFIGURATION = MODULE.resolve("../docs/CONFIGURATION.md").normalize();
    private static final Path README = MODULE.resolve("../README.md").normalize();
    private static final Path SOURCES = MODULE.resolve("src/main/java/dev/faultline");

    /** Keys Config reads itself while loading; no accessor is called elsewhere. */
    private static final Set<String> READ_WHILE_LOADING = Set.of("config.file", "strict");
    /** Keys whose accessor is not the key in camel case. */
    private static final Map<String, String> ACCESSORS = Map.of(
            "context.job-id-keys", "jobIdKeys",
            "context.user-id-keys", "userIdKeys",
            // The e-mail channel's settings are read together, as one Smtp value.
            "notify.smtp.host", "notifySmtp", "notify.smtp.port", "notifySmtp", "notify.smtp.from", "notifySmtp",
            "notify.smtp.to", "notifySmtp", "notify.smtp.username", "notifySmtp", "notify.smtp.password", "notifySmtp",
            "notify.smtp.starttls", "notifySmtp");

    @Test
    void configurationDocListsEveryKeyTheCodeKnowsAndNoOther() {
        Set<String> documented = keyTable().keySet();
        assertSameKeys(documented, Keys.DEFAULTS.keySet(), "docs/CONFIGURATION.md");
    }

    @Test
    void configurationDocShowsTheDefaultOfEveryKey() {
        for (Map.Entry<String, DocRow> e : keyTable().entrySet()) {
            checkDefault(e.getKey(), e.getValue().defaultText, "docs/CONFIGURATION.md");
        }
    }

    @Test
    void configurationDocMarksExactlyTheKeysNothingReadsYet() {
        for (Map.Entry<String, DocRow> e : keyTable().entrySet()) {
            String key = e.getKey();
            String used = e.getValue().used;
            if (!used.equals("yes") && !used.equals("not yet")) {
                fail("docs/CONFIGURATION.md, key " + key + ": the \"used\" column says \"" + used
                        + "\"; write yes or not yet");
            }
            boolean notYet = used.equals("not yet");
            if (notYet != Keys.NOT_YET_USED.contains(key)) {
                fail("key " + key + ": docs/CONFIGURATION.md says used=" + used + " but Keys.NOT_YET_USED "
                        + (notYet ? "does not hold it" : "holds it") + "; fix whichever is wrong");
            }
        }
    }

    /** Loading with a key set to its documented default gives the same settings as not setting it. */
    @Test
    void configBehavesWithEachDocumentedDefaultAsWithNothingSet() {
        Map<String, Object> baseline = settings(base().load());
        for (Map.Entry<String, DocRow> e : keyTable().entrySet()) {
            String key = e.getKey();
            String literal = literalDefault(e.getValue().defaultText);
            Config explicit = base().property(key, literal == null ? "" : literal).load();
            Map<String, Object> got = settings(explicit);
            for (String accessor : baseline.keySet()) {
                assertEquals(baseline.get(accessor), got.get(accessor), "key " + key + " set to its documented default \""
                        + (literal == null ? "" : literal) + "\" changes Config." + accessor + "(): docs/CONFIGURATION.md and Config disagree");
            }
        }
    }

    /** Keys.NOT_YET_USED is true of the sources: its keys are read nowhere, every other key somewhere. */
    @Test
    void keysMarkedNotYetUsedAreReadNowhereAndEveryOtherKeyIsRead() {
        String config = sources(true);
        String agent = sources(false);
        for (String key : Keys.DEFAULTS.keySet()) {
            boolean path = key.startsWith("capture.") && !key.equals("capture.level");
            String name = path ? key.substring("capture.".length()) : key;
            boolean parsed = path ? CapturePaths.names().contains(name) : config.contains("\"" + key + "\"");
            assertTrue(parsed, "key " + key + " is in Keys.DEFAULTS but nothing in config/ besides Keys names it: Config never reads it");
            boolean read;
            if (READ_WHILE_LOADING.contains(key)) {
                read = true;
            } else if (path) {
                read = agent.contains(".capture(") && agent.contains("\"" + name + "\"");
            } else {
                String accessor = accessor(key);
                read = agent.contains("." + accessor + "()");
            }
            if (read == Keys.NOT_YET_USED.contains(key)) {
                fail("key " + key + (read ? " is read by the agent but Keys.NOT_YET_USED holds it"
                        : " is read nowhere outside config/ but Keys.NOT_YET_USED does not hold it")
                        + "; update Keys.NOT_YET_USED and the \"used\" column of docs/CONFIGURATION.md");
            }
        }
    }

    /** README's "Configuration" section lists every key that changes behaviour, with the same defaults. */
    @Test
    void readmeListsEveryKeyInUseWithItsDefault() {
        Map<String, String> readme = new LinkedHashMap<>();
        for (DocRow row : rows(section(read(README), "## Configuration"), "| key |")) {
            for (Map.Entry<String, String> e : row.defaults().entrySet()) {
                readme.put(e.getKey(), e.getValue());
            }
        }
        Set<String> inUse = new TreeSet<>(Keys.DEFAULTS.keySet());
        inUse.removeAll(Keys.NOT_YET_USED);
        assertSameKeys(readme.keySet(), inUse, "README.md's configuration table");
        for (Map.Entry<String, String> e : readme.entrySet()) {
            checkDefault(e.getKey(), e.getValue(), "README.md");
        }
    }

    // --- the documents

    private static final class DocRow {
        final int line;
        final List<String> keys;
        final String defaultCell;
        final String used;
        String defaultText;

        DocRow(int line, List<String> keys, String defaultCell, String used) {
            this.line = line;
            this.keys = keys;
            this.defaultCell = defaultCell;
            this.used = used;
        }

        /** Key -> its part of the default cell. */
        Map<String, String> defaults() {
            Map<String, String> out = new LinkedHashMap<>();
            List<String> parts = keys.size() == 1 ? List.of(defaultCell) : splitOutsideCode(defaultCell, ',');
            if (parts.size() != 1 && parts.size() != keys.size()) {
                fail("table row at line " + line + " names " + keys.size() + " keys " + keys + " but "
                        + parts.size() + " defaults: " + defaultCell);
            }
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), parts.get(parts.size() == 1 ? 0 : i).trim());
            }
            return out;
        }
    }

    /** CONFIGURATION.md's key table: key -> row, each key once. */
    private static Map<String, DocRow> keyTable() {
        List<DocRow> rows = rows(section(read(CONFIGURATION), "## Keys"), "| key |");
        if (rows.isEmpty()) {
            fail("no table starting \"| key |\" under \"## Keys\" in " + CONFIGURATION);
        }
        Map<String, DocRow> byKey = new LinkedHashMap<>();
        for (DocRow row : rows) {
            if (row.used == null) {
                fail("docs/CONFIGURATION.md line " + row.line + ": the key table has no \"used\" column");
            }
            for (Map.Entry<String, String> e : row.defaults().entrySet()) {
                DocRow one = new DocRow(row.line, List.of(e.getKey()), row.defaultCell, row.used);
                one.defaultText = e.getValue();
                if (byKey.put(e.getKey(), one) != null) {
                    fail("docs/CONFIGURATION.md lists key " + e.getKey() + " twice");
                }
            }
        }
        return byKey;
    }

    /** The text from {@code heading} to the next heading of the same level. */
    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            fail("no heading \"" + heading + "\"");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = text.indexOf("\n" + level, start + heading.length() + 1);
        return text.substring(start + 1, end < 0 ? text.length() : end);
    }

    /**
     * The body rows of every table in {@code text} whose header starts with {@code header}. Columns
     * by header name: {@code key}, {@code default}, and {@code used} when present.
     */
    private static List<DocRow> rows(String text, String header) {
        List<DocRow> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith(header)) {
                continue;
            }
            List<String> names = cells(lines[i]);
            int keyCol = names.indexOf("key");
            int defaultCol = names.indexOf("default");
            int usedCol = names.indexOf("used");
            if (defaultCol < 0) {
                fail("table at \"" + lines[i] + "\" has no default column");
            }
            for (int j = i + 2; j < lines.length && lines[j].startsWith("|"); j++) {
                List<String> c = cells(lines[j]);
                List<String> keys = new ArrayList<>();
                for (String span : codeSpans(c.get(keyCol))) {
                    keys.add(span);
                }
                if (keys.isEmpty()) {
                    fail("table row without a key in code quotes: " + lines[j]);
                }
                out.add(new DocRow(j + 1, keys, c.get(defaultCol), usedCol < 0 ? null : c.get(usedCol)));
            }
        }
        return out;
    }

    private static List<String> cells(String line) {
        List<String> parts = splitOutsideCode(line.trim(), '|');
        // A row starts and ends with '|': drop the empty ends.
        return parts.subList(1, parts.size() - 1).stream().map(String::trim).collect(Collectors.toList());
    }

    private static List<String> splitOutsideCode(String s, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == separator && !code) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static List<String> codeSpans(String s) {
        List<String> out = new ArrayList<>();
        String[] parts = s.split("`", -1);
        for (int i = 1; i < parts.length; i += 2) {
            out.add(parts[i]);
        }
        return out;
    }

    /** The literal default a doc cell names, or null for "empty", prose, or a placeholder. */
    private static String literalDefault(String cell) {
        if (!cell.startsWith("`")) {
            return null;
        }
        String span = codeSpans(cell).get(0);
        return span.contains("<") ? null : span;
    }

    private static void checkDefault(String key, String cell, String file) {
        String code = Keys.DEFAULTS.get(key);
        if (code == null) {
            fail(file + " names key " + key + ", which Keys.DEFAULTS does not know");
        }
        String literal = literalDefault(cell);
        if (literal == null && !code.isEmpty()) {
            fail(file + ", key " + key + ": the default is written \"" + cell + "\" but the code's default is \""
                    + code + "\"; write it as `" + code + "`");
        }
        if (literal != null && !literal.equals(code)) {
            fail(file + ", key " + key + ": the default is written `" + literal + "` but Keys.DEFAULTS has \"" + code + "\"");
        }
    }

    private static void assertSameKeys(Set<String> documented, Set<String> code, String where) {
        Set<String> missing = new TreeSet<>(code);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(code);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail(where + " and the code disagree on the keys. Missing from the doc: " + missing
                    + "; in the doc but not expected by the code: " + extra);
        }
    }

    // --- the code

    private static Setup base() {
        return Setup.with().jvmProperty("java.io.tmpdir", "/tmp").jvmProperty("sun.java.command", "com.acme.Shop");
    }

    /** Every setting Config exposes: public no-argument accessors, and capture(path) per path. */
    private static Map<String, Object> settings(Config c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Method m : Config.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && !m.getName().equals("toString") && !m.getName().equals("warnings")) {
                try {
                    out.put(m.getName(), m.invoke(c));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError("Config." + m.getName() + "()", e);
                }
            }
        }
        for (String path : CapturePaths.names()) {
            out.put("capture(\"" + path + "\")", c.capture(path));
        }
        return out;
    }

    /** {@code max.message-length} -> {@code maxMessageLength}; checked to exist on Config. */
    private static String accessor(String key) {
        String name = ACCESSORS.get(key);
        if (name == null) {
            StringBuilder b = new StringBuilder();
            boolean upper = false;
            for (char c : key.toCharArray()) {
                if (c == '.' || c == '-') {
                    upper = true;
                } else {
                    b.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            name = b.toString();
        }
        try {
            Config.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            fail("key " + key + ": expected an accessor Config." + name + "(); add it to ACCESSORS in this test if it is named otherwise");
        }
        return name;
    }

    /** The agent's main sources in config/ (without Keys.java), or all the others. */
    private static String sources(boolean config) {
        Path dir = SOURCES.resolve("config");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.startsWith(dir) == config
                    && !p.getFileName().toString().equals("Keys.java")).collect(Collectors.toList())) {
                all.append(read(f)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the test runs from the agent module directory)", e);
        }
    }
}

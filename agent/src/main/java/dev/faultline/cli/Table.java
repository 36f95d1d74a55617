package dev.faultline.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table: a header row, then one row per record; the last column is not padded. */
final class Table {
    private final String[] header;
    private final int[] widths;
    private final List<String[]> rows = new ArrayList<>();

    /** Columns alternate name and maximum width: {@code "ID", 36, "MESSAGE", 100}. */
    Table(Object... columns) {
        header = new String[columns.length / 2];
        widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            header[i] = (String) columns[2 * i];
            widths[i] = (Integer) columns[2 * i + 1];
        }
    }

    Table row(Object... values) {
        String[] cells = new String[header.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = Text.cell(i < values.length ? values[i] : null, widths[i]);
        }
        rows.add(cells);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintStream out) {
        int[] shown = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            shown[i] = header[i].length();
            for (String[] r : rows) {
                shown[i] = Math.max(shown[i], r[i].length());
            }
        }
        line(out, header, shown);
        for (String[] r : rows) {
            line(out, r, shown);
        }
    }

    private static void line(PrintStream out, String[] cells, int[] shown) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(cells[i]);
            if (i < cells.length - 1) {
                for (int pad = cells[i].length(); pad < shown[i] + 2; pad++) {
                    b.append(' ');
                }
            }
        }
        out.println(b.toString().replaceAll("\\s+$", ""));
    }
}

package dev.siprec.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table for command output: left-aligned columns, a header row and a rule. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    /**
     * Adds a row; {@code null} cells print as {@code -}; missing cells are blank; control characters are
     * escaped ({@link Terminal#safe}), so that a cell can neither break the layout nor drive the terminal.
     */
    public Table row(Object... cells) {
        List<String> r = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            Object c = i < cells.length ? cells[i] : "";
            r.add(c == null ? "-" : Terminal.safe(String.valueOf(c)));
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        char[] rule = new char[Arrays.stream(width).sum() + 2 * (width.length - 1)];
        Arrays.fill(rule, '-');
        sb.append(rule).append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            l.append(cells.get(i));
            if (i < cells.size() - 1) {
                l.append(" ".repeat(width[i] - cells.get(i).length()));
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}

package dev.faultline.cli;

import dev.faultline.query.Page;

/** Prints a listed page and, below it, where it sits in the whole list. */
final class Paging {
    private Paging() {
    }

    static void print(Session s, Table t, Page page, String what) {
        if (t.isEmpty()) {
            s.out.println(page.count == 0 ? "no " + what + " match" : "no " + what + " on page " + page.request.page + " (" + page.count + " match)");
            return;
        }
        t.print(s.out);
        long first = (long) (page.request.page - 1) * page.request.size + 1;
        long last = first + page.results.size() - 1;
        s.out.println();
        s.out.println(first + "-" + last + " of " + page.count + " " + what
                + (page.hasNext() ? "; next: --page " + (page.request.page + 1) : ""));
    }
}

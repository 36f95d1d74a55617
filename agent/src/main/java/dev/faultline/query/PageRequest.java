package dev.faultline.query;

/** {@code page} (from 1) and {@code page_size} (1 to 200, default 50). */
public final class PageRequest {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** Far beyond any real use; keeps {@code (page - 1) * size} inside an int. */
    static final int MAX_PAGE = 1_000_000;

    public final int page;
    public final int size;

    PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    static PageRequest parse(Params p) {
        return new PageRequest(p.number("page", 1, MAX_PAGE, 1), p.number("page_size", 1, MAX_SIZE, DEFAULT_SIZE));
    }

    int skip() {
        return (page - 1) * size;
    }
}

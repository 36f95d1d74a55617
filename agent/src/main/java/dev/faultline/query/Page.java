package dev.faultline.query;

import java.util.List;
import org.bson.Document;

/** One page of a list and the number of documents matching in all. */
public final class Page {
    public final List<Document> results;
    public final long count;
    public final PageRequest request;

    Page(List<Document> results, long count, PageRequest request) {
        this.results = results;
        this.count = count;
        this.request = request;
    }

    public boolean hasNext() {
        return (long) request.page * request.size < count;
    }

    public boolean hasPrevious() {
        return request.page > 1;
    }

    /**
     * The page before this one that holds results: the one before, or the last one when this page
     * is past the end ({@code ?page=999} linked to an empty page 998 in a user's trial).
     */
    public int previousPage() {
        long last = Math.max(1, (count + request.size - 1) / request.size);
        return (int) Math.min(request.page - 1, last);
    }
}

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
}

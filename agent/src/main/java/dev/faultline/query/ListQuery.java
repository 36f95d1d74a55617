package dev.faultline.query;

import org.bson.conversions.Bson;

/** A parsed list request: what matches, in which order, which page. */
public abstract class ListQuery {
    public final Bson filter;
    public final Bson sort;
    public final PageRequest page;

    ListQuery(Bson filter, Bson sort, PageRequest page) {
        this.filter = filter;
        this.sort = sort;
        this.page = page;
    }
}

package dev.faultline.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What an index must do for one query: the fields it matches exactly, the fields it bounds, the
 * fields it can only check document by document (a case-insensitive regex, {@code $ne}), and its
 * sort. A filter with {@code $or} is one shape per branch, each of which must be served.
 */
final class QueryShape {
    final String collection;
    final String name;
    final Set<String> equal = new LinkedHashSet<>();
    final Set<String> range = new LinkedHashSet<>();
    final Set<String> checked = new LinkedHashSet<>();
    final Document sort;

    private QueryShape(String collection, String name, Document sort) {
        this.collection = collection;
        this.name = name;
        this.sort = sort;
    }

    /** One shape per {@code $or} branch (one shape when there is none). */
    static List<QueryShape> of(String collection, String name, Bson filter, Bson sort) {
        Document order = sort == null ? new Document() : Document.parse(sort.toBsonDocument().toJson());
        List<QueryShape> shapes = new ArrayList<>();
        QueryShape base = new QueryShape(collection, name, order);
        List<BsonValue> branches = new ArrayList<>();
        base.read(filter.toBsonDocument(), branches);
        if (branches.isEmpty()) {
            shapes.add(base);
        }
        for (BsonValue branch : branches) {
            QueryShape s = new QueryShape(collection, name + " | " + branch.asDocument().toJson(), order);
            s.equal.addAll(base.equal);
            s.range.addAll(base.range);
            s.checked.addAll(base.checked);
            List<BsonValue> nested = new ArrayList<>();
            s.read(branch.asDocument(), nested);
            if (!nested.isEmpty()) {
                throw new IllegalArgumentException("nested $or in " + name + ": teach QueryShape");
            }
            shapes.add(s);
        }
        return shapes;
    }

    private void read(BsonDocument filter, List<BsonValue> orBranches) {
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String field = e.getKey();
            BsonValue v = e.getValue();
            if (field.equals("$and")) {
                for (BsonValue part : v.asArray()) {
                    read(part.asDocument(), orBranches);
                }
            } else if (field.equals("$or")) {
                if (!orBranches.isEmpty()) {
                    throw new IllegalArgumentException("two $or in " + name + ": teach QueryShape");
                }
                orBranches.addAll(v.asArray());
            } else if (v.isRegularExpression()) {
                regex(field, v.asRegularExpression());
            } else if (v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().startsWith("$")) {
                for (Map.Entry<String, BsonValue> op : v.asDocument().entrySet()) {
                    operator(field, op.getKey(), op.getValue());
                }
            } else {
                equal.add(field);
            }
        }
    }

    private void operator(String field, String op, BsonValue value) {
        switch (op) {
            case "$eq":
            case "$in":
                equal.add(field);
                break;
            case "$gt":
            case "$gte":
            case "$lt":
            case "$lte":
                range.add(field);
                break;
            case "$regex":
                regex(field, value.isRegularExpression() ? value.asRegularExpression()
                        : new BsonRegularExpression(value.asString().getValue()));
                break;
            default:
                checked.add(field);
        }
    }

    /** An anchored, case-sensitive regex is a range of the index; any other is checked per document. */
    private void regex(String field, BsonRegularExpression regex) {
        if (regex.getPattern().startsWith("^") && !regex.getOptions().contains("i")) {
            range.add(field);
        } else {
            checked.add(field);
        }
    }

    @Override
    public String toString() {
        return collection + " " + name + " (equal " + equal + ", range " + range + ", checked " + checked + ", sort "
                + sort.toJson() + ")";
    }
}

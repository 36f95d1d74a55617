package dev.faultline.cli;

import dev.faultline.query.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** A command whose options are the filters of an API list: each option is one query parameter. */
abstract class ListCommand extends Command {
    /** Option to API parameter, in the order the usage line shows them. */
    private final Map<String, String> options;

    ListCommand(String name, String usage, String summary, Map<String, String> options) {
        super(name, usage, summary);
        this.options = options;
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options(options.keySet().toArray(new String[0]));
    }

    @Override
    final String optionFor(String parameter) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getValue().equals(parameter)) {
                return e.getKey();
            }
        }
        return super.optionFor(parameter);
    }

    /** The query parameters the given options stand for. */
    final Map<String, String> parameters(Args args) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = args.option(e.getKey());
            if (v != null) {
                params.put(e.getValue(), v);
            }
        }
        return params;
    }

    static void printJson(Session s, Page page) {
        s.printJson(new Document("count", page.count).append("page", page.request.page)
                .append("page_size", page.request.size).append("results", page.results));
    }
}

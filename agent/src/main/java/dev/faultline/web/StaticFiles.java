package dev.faultline.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's page, script and style, read once from the jar (resources under
 * {@code dev/faultline/web/}, which the agent jar keeps under {@code inst/}, readable through the
 * isolated class loader only). A fixed list: no path from a request ever reaches the class loader.
 */
final class StaticFiles {
    static final class Asset {
        final String type;
        final byte[] bytes;

        Asset(String type, byte[] bytes) {
            this.type = type;
            this.bytes = bytes;
        }
    }

    private final Map<String, Asset> assets = new HashMap<>();

    StaticFiles() throws IOException {
        add("/", "index.html", "text/html; charset=utf-8");
        add("/static/console.js", "console.js", "text/javascript; charset=utf-8");
        add("/static/console.css", "console.css", "text/css; charset=utf-8");
        add("/static/favicon.svg", "favicon.svg", "image/svg+xml");
    }

    /** Null when the path is not one of ours. */
    Asset get(String path) {
        return assets.get(path);
    }

    private void add(String path, String resource, String type) throws IOException {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("console resource dev/faultline/web/" + resource + " missing from the jar");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            assets.put(path, new Asset(type, out.toByteArray()));
        }
    }
}

package dev.faultline.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A JSON POST with short timeouts, for the webhook-style channels (and the error-code notifier).
 * Failures say what went wrong but never the URL: webhook URLs carry their secret in the path.
 */
public final class HttpPost {
    public static final int TIMEOUT_MILLIS = 3000;

    private HttpPost() {
    }

    /** POSTs {@code json}; throws IOException naming the HTTP status when it is not 2xx. */
    public static void json(String url, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try {
            c.setConnectTimeout(TIMEOUT_MILLIS);
            c.setReadTimeout(TIMEOUT_MILLIS);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream os = c.getOutputStream()) {
                os.write(bytes);
            }
            int status = c.getResponseCode();
            if (status < 200 || status >= 300) {
                throw new IOException("HTTP " + status);
            }
        } finally {
            c.disconnect();
        }
    }
}

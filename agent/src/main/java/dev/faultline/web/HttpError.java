package dev.faultline.web;

/** Ends a request with a status and {@code {"error": message}}. */
final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpError notFound() {
        return new HttpError(404, "Not found");
    }
}

package dev.faultline.it;

/** Breadcrumbs through Log4j 1.2 (messages are formatted by the app: no arguments to leave out). */
class Log4j1BreadcrumbsTest extends BreadcrumbsScenario {
    @Override
    String framework() {
        return "log4j1";
    }

    @Override
    String libs() {
        return "log4j1";
    }

    /** The 64 KiB message itself: the thread kept its first 1024 characters. */
    @Override
    String payloadBreadcrumb() {
        return "payload " + "x".repeat(1016) + "... [truncated 64520 chars]";
    }
}

package dev.faultline.it;

/** Breadcrumbs through Log4j2. */
class Log4j2BreadcrumbsTest extends BreadcrumbsScenario {
    @Override
    String framework() {
        return "log4j2";
    }

    @Override
    String libs() {
        return "log4j2";
    }
}

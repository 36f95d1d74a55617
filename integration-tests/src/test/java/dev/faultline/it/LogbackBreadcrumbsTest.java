package dev.faultline.it;

/** Breadcrumbs through Logback. */
class LogbackBreadcrumbsTest extends BreadcrumbsScenario {
    @Override
    String framework() {
        return "logback";
    }

    @Override
    String libs() {
        return "logback15";
    }
}

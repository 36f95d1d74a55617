package dev.faultline.it;

/** Breadcrumbs through Jul. */
class JulBreadcrumbsTest extends BreadcrumbsScenario {
    @Override
    String framework() {
        return "jul";
    }

    @Override
    String libs() {
        return null;
    }
}

package dev.faultline.it;

/** reload4j, the maintained Log4j 1.2 fork. */
class Reload4jTest extends Log4j1Scenario {
    @Override
    String libs() {
        return "reload4j";
    }
}

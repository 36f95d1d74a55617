package dev.faultline.it;

/** Log4j 1.2.17. */
class Log4j12Test extends Log4j1Scenario {
    @Override
    String libs() {
        return "log4j1";
    }
}

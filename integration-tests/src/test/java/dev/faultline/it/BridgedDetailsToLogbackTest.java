package dev.faultline.it;

/** JUL (jul-to-slf4j), the Log4j2 API (log4j-to-slf4j) and commons-logging 1.3 into SLF4J and Logback. */
class BridgedDetailsToLogbackTest extends BridgedDetailsScenario {
    @Override
    String libs() {
        return "bridges";
    }

    @Override
    String[] appArgs() {
        return new String[0];
    }
}

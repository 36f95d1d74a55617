package dev.faultline.it;

/** The Log4j2 API (log4j-to-slf4j), JUL and commons-logging 1.3 into SLF4J and Logback. */
class Log4j2ApiToLogbackBridgeTest extends BridgeScenario {
    @Override
    String mainClass() {
        return "com.example.bridges.Log4j2ToLogbackApp";
    }

    @Override
    String libs() {
        return "bridges";
    }

    @Override
    String backend() {
        return "logback";
    }
}

package dev.faultline.it;

/** SLF4J 2, JUL and commons-logging 1.3 into Log4j2 core. */
class Slf4jToLog4j2BridgeTest extends BridgeScenario {
    @Override
    String mainClass() {
        return "com.example.bridges.Slf4jToLog4j2App";
    }

    @Override
    String libs() {
        return "slf4j-log4j2";
    }

    @Override
    String backend() {
        return "log4j2";
    }
}

package dev.faultline.it;

/** JUL (jul-to-slf4j into log4j-slf4j2-impl), the Log4j2 API and commons-logging 1.3 into Log4j2 core. */
class BridgedDetailsToLog4j2Test extends BridgedDetailsScenario {
    @Override
    String libs() {
        return "slf4j-log4j2";
    }

    @Override
    String[] appArgs() {
        return new String[] {"log4j2"};
    }
}

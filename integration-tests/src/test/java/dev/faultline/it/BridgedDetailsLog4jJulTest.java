package dev.faultline.it;

/** JUL through log4j-jul's LogManager, the Log4j2 API and commons-logging 1.3 into Log4j2 core 2.24.3. */
class BridgedDetailsLog4jJulTest extends BridgedDetailsScenario {
    @Override
    String libs() {
        return "log4j-jul";
    }

    @Override
    String[] appArgs() {
        return new String[] {"log4j-jul"};
    }

    @Override
    String[] jvmOptions() {
        return new String[] {"-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager"};
    }
}

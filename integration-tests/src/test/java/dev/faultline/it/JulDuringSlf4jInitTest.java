package dev.faultline.it;

/**
 * SLF4J 2.0.17, jul-to-slf4j 2.0.17, Logback 1.5.38; with a Log4j2 API call (log4j-to-slf4j 2.26.1)
 * and a commons-logging 1.3.5 call during the initialisation.
 */
class JulDuringSlf4jInitTest extends JulDuringSlf4jInitScenario {
    @Override
    String libs() {
        return "bridges";
    }

    @Override
    boolean neighbours() {
        return true;
    }
}

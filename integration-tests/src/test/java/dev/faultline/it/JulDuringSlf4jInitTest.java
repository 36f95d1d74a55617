package dev.faultline.it;

/** SLF4J 2.0.17, jul-to-slf4j 2.0.17, Logback 1.5.38. */
class JulDuringSlf4jInitTest extends JulDuringSlf4jInitScenario {
    @Override
    String libs() {
        return "bridges";
    }
}

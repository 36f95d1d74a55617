package dev.faultline.it;

/** SLF4J 1.7.36, jul-to-slf4j 1.7.36, Logback 1.2.13: SLF4J 1.7's substitute loggers and replay. */
class JulDuringSlf4jInitOnSlf4j17Test extends JulDuringSlf4jInitScenario {
    @Override
    String libs() {
        return "bridges17";
    }
}

package dev.faultline.it;

/**
 * SLF4J 2.0.17, jul-to-slf4j 2.0.17, Logback 1.5.38: a JUL call starts SLF4J's initialisation, so
 * SLF4J replays what it queued inside that call, whose logger the queued calls share.
 */
class JulStartingSlf4jInitTest extends JulDuringSlf4jInitScenario {
    @Override
    String libs() {
        return "bridges";
    }

    @Override
    boolean julStartsInit() {
        return true;
    }
}

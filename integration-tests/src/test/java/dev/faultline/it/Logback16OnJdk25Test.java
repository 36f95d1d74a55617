package dev.faultline.it;

/** Logback 1.6, the newest line, with the newest SLF4J 2 on JDK 25. */
class Logback16OnJdk25Test extends LogbackScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }

    @Override
    String logging() {
        return "logback16";
    }
}

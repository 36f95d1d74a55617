package dev.faultline.it;

/** Logback 1.2 with SLF4J 1.7 on JDK 17. */
class Logback12OnJdk17Test extends LogbackScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }

    @Override
    String logging() {
        return "logback12";
    }
}

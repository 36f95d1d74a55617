package dev.faultline.it;

/** Logback 1.3 with SLF4J 2 on JDK 17 (the Java EE line of Logback 1.3). */
class Logback13OnJdk17Test extends LogbackScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }

    @Override
    String logging() {
        return "logback13";
    }
}

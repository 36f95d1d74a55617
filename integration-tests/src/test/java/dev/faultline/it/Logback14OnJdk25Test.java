package dev.faultline.it;

/** Logback 1.4 with SLF4J 2 on JDK 25 (the Jakarta EE line). */
class Logback14OnJdk25Test extends LogbackScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }

    @Override
    String logging() {
        return "logback14";
    }
}

package dev.faultline.it;

/** Logback 1.5 on JDK 25. */
class LogbackOnJdk25Test extends LogbackScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }

    @Override
    String logging() {
        return "logback15";
    }
}

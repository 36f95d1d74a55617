package dev.faultline.it;

/** Logback 1.5 on JDK 17. */
class LogbackOnJdk17Test extends LogbackScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }

    @Override
    String logging() {
        return "logback15";
    }
}

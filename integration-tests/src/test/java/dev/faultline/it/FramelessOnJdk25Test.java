package dev.faultline.it;

/** Exceptions without frames on JDK 25. */
class FramelessOnJdk25Test extends FramelessScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

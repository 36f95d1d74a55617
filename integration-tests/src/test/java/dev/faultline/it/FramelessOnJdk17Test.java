package dev.faultline.it;

/** Exceptions without frames on JDK 17. */
class FramelessOnJdk17Test extends FramelessScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }
}

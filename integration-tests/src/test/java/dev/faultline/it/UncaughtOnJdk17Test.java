package dev.faultline.it;

/** Uncaught exceptions on JDK 17. */
class UncaughtOnJdk17Test extends UncaughtScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }
}

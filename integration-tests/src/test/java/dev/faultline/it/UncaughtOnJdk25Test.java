package dev.faultline.it;

/** Uncaught exceptions on JDK 25. */
class UncaughtOnJdk25Test extends UncaughtScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

package dev.faultline.it;

/** Executor failures nobody sees, on JDK 17. */
class ExecutorOnJdk17Test extends ExecutorScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }
}

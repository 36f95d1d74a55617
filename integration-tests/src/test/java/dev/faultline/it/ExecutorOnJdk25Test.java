package dev.faultline.it;

/** Executor failures nobody sees, on JDK 25. */
class ExecutorOnJdk25Test extends ExecutorScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

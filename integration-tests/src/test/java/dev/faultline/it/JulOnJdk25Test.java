package dev.faultline.it;

/** java.util.logging on JDK 25. */
class JulOnJdk25Test extends JulScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

package dev.faultline.it;

/** java.util.logging on JDK 17. */
class JulOnJdk17Test extends JulScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }
}

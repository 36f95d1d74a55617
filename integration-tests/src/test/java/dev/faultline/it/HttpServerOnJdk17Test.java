package dev.faultline.it;

/** The JDK HTTP server on JDK 17. */
class HttpServerOnJdk17Test extends HttpServerScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }
}

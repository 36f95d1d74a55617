package dev.faultline.it;

/** The JDK HTTP server on JDK 25. */
class HttpServerOnJdk25Test extends HttpServerScenario {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

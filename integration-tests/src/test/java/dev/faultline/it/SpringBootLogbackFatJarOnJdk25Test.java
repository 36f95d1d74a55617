package dev.faultline.it;

/** The Spring Boot 3.5 fat jar with Logback on JDK 25. */
class SpringBootLogbackFatJarOnJdk25Test extends SpringBootLogbackFatJarTest {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

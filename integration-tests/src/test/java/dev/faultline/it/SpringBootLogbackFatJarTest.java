package dev.faultline.it;

/** Spring Boot 3.5 with its default logging, Logback (examples/spring-boot-logback). */
class SpringBootLogbackFatJarTest extends SpringBootFatJarScenario {
    @Override
    String module() {
        return "spring-boot-logback";
    }

    @Override
    String logging() {
        return "logback";
    }

    @Override
    String escapingType() {
        return "jakarta.servlet.ServletException";
    }
}

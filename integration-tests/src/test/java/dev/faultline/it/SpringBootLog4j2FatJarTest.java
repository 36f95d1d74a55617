package dev.faultline.it;

/** Spring Boot 3.5 with spring-boot-starter-log4j2 in place of Logback (examples/spring-boot-log4j2). */
class SpringBootLog4j2FatJarTest extends SpringBootFatJarScenario {
    @Override
    String module() {
        return "spring-boot-log4j2";
    }

    @Override
    String logging() {
        return "log4j2";
    }

    @Override
    String escapingType() {
        return "jakarta.servlet.ServletException";
    }
}

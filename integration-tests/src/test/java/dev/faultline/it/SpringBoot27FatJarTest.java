package dev.faultline.it;

/** Spring Boot 2.7 (Spring 5.3, Tomcat 9, javax.servlet, Logback 1.2, SLF4J 1.7: examples/spring-boot-2.7). */
class SpringBoot27FatJarTest extends SpringBootFatJarScenario {
    @Override
    String module() {
        return "spring-boot-2.7";
    }

    @Override
    String logging() {
        return "logback";
    }

    @Override
    String escapingType() {
        return "org.springframework.web.util.NestedServletException";
    }
}

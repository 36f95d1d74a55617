package dev.faultline.it;

/** jakarta.servlet on embedded Tomcat 10.1 (whose own SEVERE log of the same exception is not a second occurrence). */
class JakartaServletOnTomcatTest extends ServletScenario {
    @Override
    String mainClass() {
        return "com.example.servlet.jakarta.TomcatApp";
    }

    @Override
    String libs() {
        return "tomcat10";
    }

    @Override
    String sourceFile() {
        return "com/example/servlet/jakarta/Servlets.java";
    }
}

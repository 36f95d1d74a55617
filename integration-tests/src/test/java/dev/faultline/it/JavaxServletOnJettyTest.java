package dev.faultline.it;

/** javax.servlet on embedded Jetty 9.4. */
class JavaxServletOnJettyTest extends ServletScenario {
    @Override
    String mainClass() {
        return "com.example.servlet.javax.JettyApp";
    }

    @Override
    String libs() {
        return "jetty9";
    }

    @Override
    String sourceFile() {
        return "com/example/servlet/javax/Servlets.java";
    }
}

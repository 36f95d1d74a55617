package dev.faultline.it;

/** javax.servlet on embedded Tomcat 9 (the servlets of JettyApp, served by com.example.servlet.javax.Tomcat9App). */
class JavaxServletOnTomcat9Test extends ServletScenario {
    @Override
    String mainClass() {
        return "com.example.servlet.javax.Tomcat9App";
    }

    @Override
    String libs() {
        return "tomcat9";
    }

    @Override
    String sourceFile() {
        return "com/example/servlet/javax/Servlets.java";
    }
}

package dev.faultline.it;

/** javax.servlet on embedded Tomcat 9: the Tomcat app given the javax servlets of the Jetty app. */
class JavaxServletOnTomcat9Test extends ServletScenario {
    @Override
    String mainClass() {
        return "com.example.servlet.jakarta.TomcatApp";
    }

    @Override
    String[] args() {
        return new String[] {"com.example.servlet.javax.Servlets"};
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

package dev.faultline.it;

/** jakarta.servlet on embedded Jetty 12, ee10 (examples/jetty12: the Tomcat app's servlets). */
class JakartaServletOnJetty12Test extends JakartaServletOnTomcatTest {
    @Override
    String mainClass() {
        return "com.example.servlet.jakarta.Jetty12App";
    }

    @Override
    String libs() {
        return "jetty12";
    }
}

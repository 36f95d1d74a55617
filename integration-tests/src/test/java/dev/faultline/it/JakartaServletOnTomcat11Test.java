package dev.faultline.it;

/** jakarta.servlet on embedded Tomcat 11 (the Tomcat 10.1 app, unchanged). */
class JakartaServletOnTomcat11Test extends JakartaServletOnTomcatTest {
    @Override
    String libs() {
        return "tomcat11";
    }
}

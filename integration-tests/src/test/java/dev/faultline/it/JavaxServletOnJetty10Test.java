package dev.faultline.it;

/** javax.servlet on embedded Jetty 10 (the Jetty 9.4 app, unchanged). */
class JavaxServletOnJetty10Test extends JavaxServletOnJettyTest {
    @Override
    String libs() {
        return "jetty10";
    }
}

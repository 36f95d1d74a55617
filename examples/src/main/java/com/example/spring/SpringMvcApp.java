package com.example.spring;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring MVC 6 on embedded Tomcat 10.1, without Spring Boot: a handler exception that an
 * {@code @ExceptionHandler} turns into a 500, one turned into a 404, one nobody resolves (it
 * escapes the DispatcherServlet), and a request that succeeds. The app calls itself.
 */
public class SpringMvcApp {
    public static void main(String[] args) throws Exception {
        AnnotationConfigWebApplicationContext web = new AnnotationConfigWebApplicationContext();
        web.register(WebConfig.class);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "spring", new DispatcherServlet(web));
        context.addServletMappingDecoded("/", "spring");
        tomcat.getConnector();
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        System.out.println("GET /api/orders/7 -> " + call(port, "/api/orders/7?token=t0k3n&page=1"));
        System.out.println("GET /api/orders/404 -> " + call(port, "/api/orders/404"));
        System.out.println("GET /api/crash -> " + call(port, "/api/crash"));
        System.out.println("GET /api/ok -> " + call(port, "/api/ok"));
        tomcat.stop();
        tomcat.destroy();
        System.out.println("spring: done");
    }

    static int call(int port, String pathAndQuery) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + pathAndQuery).openConnection();
        return c.getResponseCode();
    }
}

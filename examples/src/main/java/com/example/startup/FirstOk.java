package com.example.startup;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Start-up to the first HTTP 200, for benchmarks/startup-http.sh: starts a real server, calls it
 * once, prints {@code first-200 <epoch ms>} when it answered 200 (the script
 * subtracts its launch time) and exits. {@code FirstOk spring} is Spring MVC 6
 * on embedded Tomcat 10.1 (logging through whichever of Logback or Log4j2 is on the class path);
 * {@code FirstOk tomcat} is Tomcat 10.1 with two web applications, each a filter and servlets.
 */
public class FirstOk {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        String path;
        if ("spring".equals(args[0])) {
            path = Spring.addTo(tomcat);
        } else {
            for (String app : new String[] {"/orders", "/billing"}) {
                Context context = tomcat.addContext(app, null);
                Tomcat.addServlet(context, "health", new com.example.servlet.jakarta.Servlets.HealthServlet());
                context.addServletMappingDecoded("/health", "health");
            }
            path = "/billing/health";
        }
        tomcat.getConnector();
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        if (c.getResponseCode() == 200) {
            System.out.println("first-200 " + System.currentTimeMillis());
        }
        tomcat.stop();
        tomcat.destroy();
    }

    /** Apart, so that {@code FirstOk tomcat} runs without Spring on the class path. */
    static final class Spring {
        static String addTo(Tomcat tomcat) {
            AnnotationConfigWebApplicationContext web = new AnnotationConfigWebApplicationContext();
            web.register(com.example.spring.WebConfig.class);
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "spring", new DispatcherServlet(web));
            context.addServletMappingDecoded("/", "spring");
            return "/api/ok";
        }
    }
}

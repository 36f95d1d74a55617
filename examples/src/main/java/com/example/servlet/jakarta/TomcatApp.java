package com.example.servlet.jakarta;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * jakarta.servlet on embedded Tomcat 10.1 and 11: an authentication filter names the user, a
 * servlet logs an error and then fails (the exception escapes), another answers 200. The app calls
 * itself. The filter and servlets are given to Tomcat by class name, from {@link Servlets} or
 * from the class named by the first argument: {@code com.example.servlet.javax.Servlets} on
 * Tomcat 9 (javax; the Tomcat API used here is the same in 9, 10.1 and 11). examples/jetty12 serves
 * the same servlets from Jetty 12.
 */
public class TomcatApp {
    public static void main(String[] args) throws Exception {
        String servlets = args.length > 0 ? args[0] : Servlets.class.getName();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        Context context = tomcat.addContext("", null);
        FilterDef user = new FilterDef();
        user.setFilterName("user");
        user.setFilterClass(servlets + "$UserFilter");
        context.addFilterDef(user);
        FilterMap all = new FilterMap();
        all.setFilterName("user");
        all.addURLPattern("/*");
        context.addFilterMap(all);
        Tomcat.addServlet(context, "orders", servlets + "$OrdersServlet");
        context.addServletMappingDecoded("/orders/*", "orders");
        Tomcat.addServlet(context, "health", servlets + "$HealthServlet");
        context.addServletMappingDecoded("/health", "health");
        tomcat.getConnector();
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        System.out.println("GET /orders/7 -> " + Servlets.call(port, "/orders/7?session=s3cr3t&page=2"));
        System.out.println("GET /health -> " + Servlets.call(port, "/health"));
        tomcat.stop();
        tomcat.destroy();
        System.out.println("servlet: done");
    }
}

package com.example.servlet.javax;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * javax.servlet on embedded Tomcat 9: the filter and servlets of {@link JettyApp} ({@link Servlets}),
 * given to Tomcat by class name. The Tomcat API used here is the same in 9 and 10.1, only the
 * servlet types moved from javax to jakarta: naming the classes lets this compile against 10.1
 * and run on 9.
 */
public class Tomcat9App {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        Context context = tomcat.addContext("", null);
        FilterDef user = new FilterDef();
        user.setFilterName("user");
        user.setFilterClass(Servlets.UserFilter.class.getName());
        context.addFilterDef(user);
        FilterMap all = new FilterMap();
        all.setFilterName("user");
        all.addURLPattern("/*");
        context.addFilterMap(all);
        Tomcat.addServlet(context, "orders", Servlets.OrdersServlet.class.getName());
        context.addServletMappingDecoded("/orders/*", "orders");
        Tomcat.addServlet(context, "health", Servlets.HealthServlet.class.getName());
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

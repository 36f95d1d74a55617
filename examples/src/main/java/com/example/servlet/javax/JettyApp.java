package com.example.servlet.javax;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * javax.servlet on embedded Jetty 9.4: an authentication filter names the user, a servlet logs
 * an error and then fails (the exception escapes), another answers 200. The app calls itself.
 * The same class runs on Jetty 10; the jakarta TomcatApp serves the same servlets
 * ({@link Servlets}) from Tomcat 9.
 */
public class JettyApp {
    public static void main(String[] args) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new Servlets.UserFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Servlets.OrdersServlet()), "/orders/*");
        context.addServlet(new ServletHolder(new Servlets.HealthServlet()), "/health");
        server.setHandler(context);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("GET /orders/7 -> " + Servlets.call(port, "/orders/7?session=s3cr3t&page=2"));
        System.out.println("GET /health -> " + Servlets.call(port, "/health"));
        server.stop();
        System.out.println("servlet: done");
    }
}

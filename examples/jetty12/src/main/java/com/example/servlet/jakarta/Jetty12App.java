package com.example.servlet.jakarta;

import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * jakarta.servlet on embedded Jetty 12 (ee10): the filter and servlets of {@link TomcatApp}
 * ({@link Servlets}) in Jetty 12's servlet container. The app calls itself.
 */
public class Jetty12App {
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

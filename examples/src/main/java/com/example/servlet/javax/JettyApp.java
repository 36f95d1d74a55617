package com.example.servlet.javax;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.security.Principal;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * javax.servlet on embedded Jetty 9.4: an authentication filter names the user, a servlet logs
 * an error and then fails (the exception escapes), another answers 200. The app calls itself.
 */
public class JettyApp {
    static final Logger log = Logger.getLogger("com.example.servlet.Orders");

    public static void main(String[] args) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new UserFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new OrdersServlet()), "/orders/*");
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        server.setHandler(context);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("GET /orders/7 -> " + call(port, "/orders/7?session=s3cr3t&page=2"));
        System.out.println("GET /health -> " + call(port, "/health"));
        server.stop();
        System.out.println("servlet: done");
    }

    static int call(int port, String pathAndQuery) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + pathAndQuery).openConnection();
        return c.getResponseCode();
    }

    /** What an authentication filter does: the request carries the user's principal from here on. */
    static final class UserFilter implements Filter {
        @Override
        public void init(FilterConfig config) {
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Principal bob = () -> "bob";
            chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
                @Override
                public Principal getUserPrincipal() {
                    return bob;
                }
            }, response);
        }

        @Override
        public void destroy() {
        }
    }

    static final class OrdersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            log.log(Level.SEVERE, "stock service slow for {0}", request.getPathInfo()); // faultline-it: servlet-in-request
            throw new IllegalStateException("order 7 is locked"); // faultline-it: servlet-throw
        }
    }

    static final class HealthServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(200);
        }
    }
}

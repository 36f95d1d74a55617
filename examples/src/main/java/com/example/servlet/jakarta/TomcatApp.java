package com.example.servlet.jakarta;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * jakarta.servlet on embedded Tomcat 10.1: an authentication filter names the user, a servlet logs
 * an error and then fails (the exception escapes), another answers 200. The app calls itself.
 */
public class TomcatApp {
    static final Logger log = Logger.getLogger("com.example.servlet.Orders");

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        Context context = tomcat.addContext("", null);
        FilterDef user = new FilterDef();
        user.setFilterName("user");
        user.setFilter(new UserFilter());
        context.addFilterDef(user);
        FilterMap all = new FilterMap();
        all.setFilterName("user");
        all.addURLPattern("/*");
        context.addFilterMap(all);
        Tomcat.addServlet(context, "orders", new OrdersServlet());
        context.addServletMappingDecoded("/orders/*", "orders");
        Tomcat.addServlet(context, "health", new HealthServlet());
        context.addServletMappingDecoded("/health", "health");
        tomcat.getConnector();
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        System.out.println("GET /orders/7 -> " + call(port, "/orders/7?session=s3cr3t&page=2"));
        System.out.println("GET /health -> " + call(port, "/health"));
        tomcat.stop();
        tomcat.destroy();
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

    public static final class HealthServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(200);
        }
    }
}

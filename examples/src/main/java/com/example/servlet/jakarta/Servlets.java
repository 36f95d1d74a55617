package com.example.servlet.jakarta;

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
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The jakarta example's filter and servlets, apart from any container ({@link TomcatApp} on Tomcat
 * 10.1 and 11, which creates them by class name: public, with public constructors;
 * examples/jetty12 on Jetty 12). {@link #call} uses no servlet type: TomcatApp calls it on Tomcat 9 too.
 */
public final class Servlets {
    static final Logger log = Logger.getLogger("com.example.servlet.Orders");

    private Servlets() {
    }

    /** The app calls itself: the status of a GET. */
    public static int call(int port, String pathAndQuery) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + pathAndQuery).openConnection();
        return c.getResponseCode();
    }

    /** What an authentication filter does: the request carries the user's principal from here on. */
    public static final class UserFilter implements Filter {
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

    public static final class OrdersServlet extends HttpServlet {
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

package com.example.servlet.javax;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;
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

/**
 * The javax example's filter and servlets, apart from any container ({@link JettyApp} on Jetty
 * 9.4 and 10, the jakarta TomcatApp on Tomcat 9, which creates them by class name: public, with
 * public constructors).
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

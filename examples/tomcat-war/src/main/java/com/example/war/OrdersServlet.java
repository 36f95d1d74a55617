package com.example.war;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web application packaged as a WAR with its own SLF4J and Logback in WEB-INF/lib, for a
 * standalone Tomcat started with {@code CATALINA_OPTS=-javaagent:faultline-agent.jar}: a request
 * that fails, one that logs an error and answers, one that succeeds.
 */
@WebServlet("/*")
public class OrdersServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(OrdersServlet.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path.startsWith("/orders/")) {
            throw new IllegalStateException("order " + path.substring(8) + " is locked"); // faultline-it: war-throw
        }
        if (path.startsWith("/payments/")) {
            log.error("payment gateway timed out for payment {}", path.substring(10)); // faultline-it: war-logged
            response.getWriter().write("retry later");
            return;
        }
        response.getWriter().write("ok");
    }
}

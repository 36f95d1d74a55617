package com.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * A Spring Boot web application as users write one, packaged as a fat jar and run with
 * {@code java -javaagent:faultline-agent.jar -jar orders.jar} (README, "Attaching the agent where
 * you run Java"). The same source builds on Boot 3 with Logback or Log4j2 and on Boot 2.7.
 */
@SpringBootApplication
public class OrdersApplication {
    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    /** One line with the port, so a script (or the integration test) started with --server.port=0 finds it. */
    @EventListener
    public void listening(WebServerInitializedEvent event) {
        System.out.println("orders listening on port " + event.getWebServer().getPort());
    }
}

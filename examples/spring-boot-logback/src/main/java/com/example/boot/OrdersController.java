package com.example.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A request that logs an error and then fails, one that logs an error and answers, one that succeeds. */
@RestController
public class OrdersController {
    private static final Logger log = LoggerFactory.getLogger(OrdersController.class);

    @GetMapping("/orders/{id}")
    public String order(@PathVariable("id") int id) {
        throw new IllegalStateException("order " + id + " is locked"); // faultline-it: boot-throw
    }

    @GetMapping("/payments/{id}")
    public String payment(@PathVariable("id") int id) {
        log.error("payment gateway timed out for payment {}", id); // faultline-it: boot-logged
        return "retry later";
    }

    @GetMapping("/health")
    public String health() {
        return "ok";
    }
}

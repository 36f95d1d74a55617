package com.example.spring;

import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Handlers that fail, and the exception handlers that turn their failures into responses. */
@RestController
public class OrdersController {
    @GetMapping("/api/orders/{id}")
    public String order(@PathVariable("id") int id) {
        if (id == 404) {
            throw new NoSuchElementException("no order " + id);
        }
        throw new IllegalStateException("order " + id + " is locked"); // faultline-it: spring-resolved
    }

    @GetMapping("/api/crash")
    public String crash() {
        throw new UnsupportedOperationException("crash report not implemented"); // faultline-it: spring-escaped
    }

    @GetMapping("/api/ok")
    public String ok() {
        return "ok";
    }

    @ExceptionHandler(IllegalStateException.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    public String locked(IllegalStateException e) {
        return "locked";
    }

    @ExceptionHandler(NoSuchElementException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public String missing(NoSuchElementException e) {
        return "missing";
    }
}

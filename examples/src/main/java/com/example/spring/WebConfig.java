package com.example.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** The MVC configuration: one controller. */
@Configuration
@EnableWebMvc
public class WebConfig {
    @Bean
    public OrdersController ordersController() {
        return new OrdersController();
    }
}

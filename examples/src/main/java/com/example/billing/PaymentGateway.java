package com.example.billing;

import java.io.IOException;

/** Wraps the client's failure the way real services do: a domain exception with a cause. */
public class PaymentGateway {
    private final PaymentClient client = new PaymentClient();

    public void charge(int orderId) {
        try {
            client.send(orderId);
        } catch (IOException e) {
            throw new IllegalStateException("card charge failed for order " + orderId, e);
        }
    }
}

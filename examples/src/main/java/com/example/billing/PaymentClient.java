package com.example.billing;

import java.io.IOException;

/** Talks to a payment gateway that always times out. */
public class PaymentClient {
    public void send(int orderId) throws IOException {
        throw new IOException("gateway timeout after 3000 ms"); // faultline-it: root-cause
    }
}

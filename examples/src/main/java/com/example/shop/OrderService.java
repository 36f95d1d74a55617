package com.example.shop;

import com.example.billing.PaymentGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logs through SLF4J to Logback: one error with a cause chain, one without a throwable. */
public class OrderService {
    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private final PaymentGateway gateway = new PaymentGateway();

    public void checkout(int orderId) {
        MDC.put("job_id", "job-7");
        MDC.put("user_id", "user-3");
        try {
            log.info("checking out order {}", orderId);
            gateway.charge(orderId);
        } catch (IllegalStateException e) {
            log.error("payment failed for order {}", orderId, e); // faultline-it: logged-with-exception
        } finally {
            MDC.clear();
        }
    }

    public void reconcile() {
        log.warn("inventory check is slow"); // faultline-it: warn
        log.error("inventory out of sync for {} items", 3); // faultline-it: logged-without-exception
    }
}

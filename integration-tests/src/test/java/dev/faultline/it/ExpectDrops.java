package dev.faultline.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The drop reasons ({@code agent_health.dropped} keys) this test class or method causes on purpose;
 * {@link AgentInvariants} fails the class for any other reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface ExpectDrops {
    /** e.g. {@code queue_full}, {@code write_failed}, {@code shutdown}. */
    String[] value();

    /** Why the test drops them (or the bug it documents). */
    String because();
}

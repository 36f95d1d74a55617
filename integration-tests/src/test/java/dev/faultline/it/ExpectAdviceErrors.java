package dev.faultline.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This test class or method makes advice throw on purpose (or documents a known bug), so
 * {@code agent_health.advice_errors} above 0 does not fail it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface ExpectAdviceErrors {
    String because();
}

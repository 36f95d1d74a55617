package dev.faultline.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Child JVMs of this test class or method print a stack trace through the agent's code on purpose
 * (or document a known bug), so {@link AgentInvariants} does not fail it for that.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface ExpectAgentStackTrace {
    String because();
}

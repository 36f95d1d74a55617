package dev.faultline.instrument.spring;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.RequestContext;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Spring MVC 5 and 6: {@code DispatcherServlet#processHandlerException(request, response,
 * handler, Exception)}, where a handler's exception goes to the exception resolvers
 * ({@code @ExceptionHandler}, {@code @ResponseStatus}, the defaults). The exception is noted on
 * the request; the servlet hook records it when the request ends with a 5xx status, so a
 * resolver's 404 or 400 is not an error here, and an unresolved exception escapes as usual.
 */
public final class SpringMvcInstrumentation implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> PROCESS = named("processHandlerException")
            .and(takesArguments(4)).and(takesArgument(3, Exception.class));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(PROCESS).isEmpty()) {
            return null;
        }
        return Advices.of(getClass(), "ProcessAdvice", pool, locator).on(PROCESS);
    }

    static final class ProcessAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(3) Exception error) {
            RequestContext.resolved(error);
        }
    }
}

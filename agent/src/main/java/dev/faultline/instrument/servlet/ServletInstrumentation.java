package dev.faultline.instrument.servlet;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
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
 * {@code javax.servlet.http.HttpServlet} and {@code jakarta.servlet.http.HttpServlet}:
 * {@code service(ServletRequest, ServletResponse)}, the public entry every container calls for
 * every HTTP servlet (Spring's DispatcherServlet included), whatever the container: Jetty,
 * Tomcat, Undertow, of either namespace. Matching the servlet API's own class by name keeps the
 * look-up a hash hit, where matching each container's filter chain would need a name per
 * container and version. Errors logged inside filters that run before the servlet therefore
 * carry no request; an exception thrown by such a filter is not recorded by this path.
 *
 * <p>The request opens on entry (the principal is read only if an error is captured); on exit,
 * an escaping exception is recorded with status 500 (what the container will answer unless the
 * response was already committed), or an exception a framework resolved into a 5xx response.
 */
public final class ServletInstrumentation implements TypeInstrumentation {
    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        String api = type.getName().startsWith("jakarta.") ? "jakarta.servlet" : "javax.servlet";
        ElementMatcher<MethodDescription> service = isPublic().and(named("service")).and(takesArguments(2))
                .and(takesArgument(0, named(api + ".ServletRequest"))).and(takesArgument(1, named(api + ".ServletResponse")));
        TypePool.Resolution response = pool.describe(api + ".http.HttpServletResponse");
        // getStatus() is Servlet 3.0; older containers are left alone.
        if (type.getDeclaredMethods().filter(service).isEmpty() || !response.isResolved()
                || response.resolve().getDeclaredMethods().filter(named("getStatus")).isEmpty()) {
            return null;
        }
        String advice = api.startsWith("jakarta") ? "JakartaAdvice" : "JavaxAdvice";
        return Advices.of(getClass(), advice, pool, locator).on(service);
    }

    static final class JavaxAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) javax.servlet.ServletRequest request) {
            if (!(request instanceof javax.servlet.http.HttpServletRequest) || RequestContext.isOpen()) {
                return false;
            }
            javax.servlet.http.HttpServletRequest r = (javax.servlet.http.HttpServletRequest) request;
            return RequestContext.open(r.getMethod(), r.getRequestURI(), r.getQueryString(), null, r);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean opened, @Advice.Argument(1) javax.servlet.ServletResponse response,
                @Advice.Thrown Throwable thrown) {
            if (!opened) {
                return;
            }
            try {
                int status = ((javax.servlet.http.HttpServletResponse) response).getStatus();
                RequestContext.finish(thrown, thrown != null && !response.isCommitted() ? 500 : status);
            } finally {
                RequestContext.close(true);
            }
        }
    }

    static final class JakartaAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) jakarta.servlet.ServletRequest request) {
            if (!(request instanceof jakarta.servlet.http.HttpServletRequest) || RequestContext.isOpen()) {
                return false;
            }
            jakarta.servlet.http.HttpServletRequest r = (jakarta.servlet.http.HttpServletRequest) request;
            return RequestContext.open(r.getMethod(), r.getRequestURI(), r.getQueryString(), null, r);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean opened, @Advice.Argument(1) jakarta.servlet.ServletResponse response,
                @Advice.Thrown Throwable thrown) {
            if (!opened) {
                return;
            }
            try {
                int status = ((jakarta.servlet.http.HttpServletResponse) response).getStatus();
                RequestContext.finish(thrown, thrown != null && !response.isCommitted() ? 500 : status);
            } finally {
                RequestContext.close(true);
            }
        }
    }
}

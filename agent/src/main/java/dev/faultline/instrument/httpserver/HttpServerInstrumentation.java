package dev.faultline.instrument.httpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import dev.faultline.bootstrap.RequestContext;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import java.net.URI;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * The JDK's {@code com.sun.net.httpserver}: {@code Filter.Chain#doFilter(HttpExchange)}, through
 * which the server runs every exchange (system filters, the context's filters, then the
 * handler). The outermost call opens the request on the handler's thread; an exception leaving
 * it escaped the handler (the server then drops the connection) and is recorded as {@code http}.
 * The principal is set by the context's Authenticator, a filter further down the chain: it is
 * read when an event is captured, as for servlets.
 */
public final class HttpServerInstrumentation implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> DO_FILTER = named("doFilter").and(takesArguments(1))
            .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange")));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(DO_FILTER).isEmpty()) {
            return null;
        }
        return Advices.of(getClass(), "DoFilterAdvice", pool, locator).on(DO_FILTER);
    }

    static final class DoFilterAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) HttpExchange exchange) {
            if (RequestContext.isOpen()) {
                return false;
            }
            URI uri = exchange.getRequestURI();
            return RequestContext.open(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), null, exchange);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean opened, @Advice.Argument(0) HttpExchange exchange,
                @Advice.Thrown Throwable thrown) {
            if (opened) {
                if (thrown != null) {
                    RequestContext.finish(thrown, exchange.getResponseCode());
                }
                RequestContext.close(true);
            } else if (thrown != null) {
                RequestContext.failing();
            }
        }
    }
}

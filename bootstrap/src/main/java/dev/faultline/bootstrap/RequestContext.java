package dev.faultline.bootstrap;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.Principal;

/**
 * The web request in progress on this thread, set by the HTTP hooks on entry and cleared on
 * exit; every event captured on the thread meanwhile (logged ones too) carries it. One reusable
 * frame per thread, kept in the thread's hook state ({@link CallDepth}: one thread-local look-up
 * per capture serves the depth, the breadcrumbs and the request): opening a request stores four
 * references and allocates nothing.
 *
 * <p>The user is read only when an event is captured: a servlet container may authenticate
 * lazily, and asking every request for its principal could change what the application sees.
 */
public final class RequestContext {
    /**
     * How a request names its user, found once per class: {@code getUserPrincipal()} of a
     * servlet request, {@code getPrincipal()} of the JDK server's exchange.
     */
    private static final ClassValue<Method> PRINCIPAL = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            Method m = publicMethod(type, "getUserPrincipal");
            return m != null ? m : publicMethod(type, "getPrincipal");
        }
    };

    private RequestContext() {
    }

    static final class Frame {
        boolean open;
        String method;
        String path;
        String query;
        String user;
        Object request;
        boolean userRead;
        Throwable reported;
        Throwable resolved;
        /** The span current where the request's error was thrown or resolved (see {@link #failing}). */
        Object spanContext;
    }

    /** True while a request is open on this thread (nested hooks then leave it alone). */
    public static boolean isOpen() {
        return CallDepth.state().request.open;
    }

    /**
     * Opens a request unless one is open already.
     *
     * @param user the user when the server knows it already, else null
     * @param request a request whose principal names the user when an event is captured (read
     *     then, since authentication may happen later in the request), or null
     * @return true when this call opened it (and its exit must close it)
     */
    public static boolean open(String method, String path, String query, String user, Object request) {
        CallDepth.State state = CallDepth.state();
        Frame f = state.request;
        if (f.open) {
            return false;
        }
        f.open = true;
        f.method = method;
        f.path = path;
        f.query = query;
        f.user = user;
        f.request = request;
        f.userRead = request == null;
        f.reported = null;
        f.resolved = null;
        state.forgetBreadcrumbs();
        f.spanContext = null;
        return true;
    }

    /** Closes what {@link #open} opened. */
    public static void close(boolean opened) {
        if (!opened) {
            return;
        }
        CallDepth.State state = CallDepth.state();
        Frame f = state.request;
        f.open = false;
        f.method = null;
        f.path = null;
        f.query = null;
        f.user = null;
        f.request = null;
        f.reported = null;
        f.resolved = null;
        state.forgetBreadcrumbs();
        f.spanContext = null;
    }

    /**
     * A framework turned {@code error} into a response (Spring MVC's exception resolvers): it is
     * recorded when the request ends with a 5xx status, see {@link #finish}.
     */
    public static void resolved(Throwable error) {
        Frame f = CallDepth.state().request;
        if (f.open) {
            f.resolved = error;
            f.spanContext = TraceContext.current();
        }
    }

    /**
     * An exception is leaving a nested hook (an inner filter chain, a servlet behind filters) of
     * the open request. The innermost one notes the current span: a tracing agent's own filter
     * (the OpenTelemetry agent adds one to the JDK server's contexts) closes its span before the
     * outermost hook records the error. Called only on failure.
     */
    public static void failing() {
        Frame f = CallDepth.state().request;
        if (f.open && f.spanContext == null) {
            f.spanContext = TraceContext.current();
        }
    }

    /**
     * The request is ending: an exception escaped it ({@code thrown}), or a resolved exception
     * became a 5xx {@code status}. Records one {@code http} event per error; the caller still
     * closes the frame.
     */
    public static void finish(Throwable thrown, int status) {
        try {
            Frame f = CallDepth.state().request;
            if (!f.open) {
                return;
            }
            Throwable error = thrown != null ? thrown : status >= 500 ? f.resolved : null;
            if (error == null || error == f.reported) {
                return;
            }
            f.reported = error;
            CapturedEvent event = new CapturedEvent("http", Severity.ERROR, System.currentTimeMillis(), null,
                    Thread.currentThread().getName(), "{} {} failed: {}", new Object[] {f.method, f.path, error},
                    CapturedEvent.FORMAT_SLF4J, error, null, null, false);
            event.requestStatus = status;
            event.spanContext = f.spanContext;
            Bridge.captureOnce(event);
        } catch (Throwable t) {
            Bridge.adviceFailed(t);
        }
    }

    /** Copies the open request into an event being captured on the thread of {@code state}. */
    static void copyTo(CapturedEvent event, CallDepth.State state) {
        Frame f = state.request;
        if (!f.open) {
            return;
        }
        event.requestMethod = f.method;
        event.requestPath = f.path;
        event.requestQuery = f.query;
        event.requestUser = user(f);
    }

    private static String user(Frame f) {
        if (!f.userRead) {
            f.userRead = true;
            try {
                Method m = PRINCIPAL.get(f.request.getClass());
                Object p = m == null ? null : m.invoke(f.request);
                f.user = p instanceof Principal ? name((Principal) p) : null;
            } catch (Throwable t) {
                f.user = null;
            }
        }
        return f.user;
    }

    /** The JDK server's HttpPrincipal names itself "realm:user"; its getUsername is the user. */
    private static String name(Principal p) throws ReflectiveOperationException {
        if (p.getClass().getName().equals("com.sun.net.httpserver.HttpPrincipal")) {
            return String.valueOf(p.getClass().getMethod("getUsername").invoke(p));
        }
        return p.getName();
    }

    /** A public no-argument method declared by a public type the class extends or implements. */
    static Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                Method m = publicMethod(i, name);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }
}

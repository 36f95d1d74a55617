package dev.faultline.config;

import java.util.Locale;

/**
 * Checks MongoDB connection strings and hides their secrets wherever one is printed.
 *
 * <p>The check is ours, not the driver's {@code ConnectionString}: loading the driver in premain
 * would cost start-up time, and the driver's messages quote the parts they reject (a host that is
 * really half a password included). Ours name the problem, never the text. It accepts and rejects
 * the same structures as the driver (tested against it); option values are left to the driver.
 */
public final class MongoUris {
    static final String FORM = "a connection string mongodb://[user:password@]host[:port][,host[:port]...][/[database][?options]]"
            + " or mongodb+srv://[user:password@]host[/[database][?options]]";
    private static final String HIDDEN = "<hidden>";
    private static final String PLAIN = "mongodb://";
    private static final String SRV = "mongodb+srv://";

    private MongoUris() {
    }

    /**
     * {@code mongodb://bob:s3cret@h1,h2/db} -> {@code mongodb://bob:<hidden>@h1,h2/db}. Anything
     * after the first {@code :} between the scheme and the last {@code @} counts as the password,
     * so even a malformed string does not leak one. Options that carry a secret
     * ({@code ...password=}, {@code ...token=}, {@code AWS_SESSION_TOKEN:} in
     * {@code authMechanismProperties}) are hidden too.
     */
    public static String redact(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        // The last '@' anywhere: a password with an unescaped '/', '?' or '@' still ends there.
        int at = uri.lastIndexOf('@');
        String shown = uri;
        if (at >= start) {
            String userInfo = uri.substring(start, at);
            int colon = userInfo.indexOf(':');
            shown = uri.substring(0, start) + (colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + HIDDEN) + uri.substring(at);
        } else if (uri.startsWith(PLAIN) || uri.startsWith(SRV)) {
            shown = uri.substring(0, start) + portsHidden(uri.substring(start));
        }
        int query = shown.indexOf('?', start);
        return query < 0 ? shown : shown.substring(0, query + 1) + redactOptions(shown.substring(query + 1));
    }

    /**
     * Hosts without an '@' before them, each {@code :port} that is not a number hidden: it may be a
     * password cut from its '@' ({@code mongodb://u:hunter}, what a raw comma in the password made
     * of an agent argument before CONFIGURATION.md "Agent arguments").
     */
    private static String portsHidden(String rest) {
        int end = hostsEnd(rest);
        StringBuilder out = new StringBuilder(rest.length());
        String[] hosts = rest.substring(0, end).split(",", -1);
        for (int i = 0; i < hosts.length; i++) {
            String host = hosts[i];
            int colon = host.startsWith("[") ? host.indexOf(':', Math.max(0, host.indexOf(']'))) : host.indexOf(':');
            String port = colon < 0 ? null : host.substring(colon + 1);
            out.append(i == 0 ? "" : ",").append(port == null || isPort(port) ? host : host.substring(0, colon + 1) + HIDDEN);
        }
        return out.append(rest, end, rest.length()).toString();
    }

    private static String redactOptions(String options) {
        StringBuilder out = new StringBuilder(options.length());
        int from = 0;
        while (from <= options.length()) {
            int end = from;
            while (end < options.length() && options.charAt(end) != '&' && options.charAt(end) != ';') {
                end++;
            }
            String option = options.substring(from, end);
            int eq = option.indexOf('=');
            String name = (eq < 0 ? option : option.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq >= 0 && isSecretName(name)) {
                option = option.substring(0, eq + 1) + HIDDEN;
            } else if (eq >= 0 && name.equals("authmechanismproperties")) {
                option = option.substring(0, eq + 1) + redactProperties(option.substring(eq + 1));
            }
            out.append(option);
            if (end < options.length()) {
                out.append(options.charAt(end));
            }
            from = end + 1;
        }
        return out.toString();
    }

    /** {@code SERVICE_NAME:x,AWS_SESSION_TOKEN:y} -> the token's value hidden. */
    private static String redactProperties(String properties) {
        StringBuilder out = new StringBuilder(properties.length());
        for (String property : properties.split(",", -1)) {
            if (out.length() > 0) {
                out.append(',');
            }
            // '=' typed for ':' (AWS_SESSION_TOKEN=x, a trial), or no name at all: hidden too.
            int colon = property.indexOf(':');
            int equals = property.indexOf('=');
            int sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            boolean secret = sep < 0 ? !property.isEmpty() : isSecretName(property.substring(0, sep).toLowerCase(Locale.ROOT));
            out.append(!secret ? property : sep < 0 ? HIDDEN : property.substring(0, sep + 1) + HIDDEN);
        }
        return out.toString();
    }

    /**
     * The driver's message refusing {@code faultline.mongo.uri} (an {@link IllegalArgumentException}),
     * fit to print: the URI's secrets hidden, and the parts it quotes that may be a secret typed
     * in the wrong place: all of them in a message about the authentication properties (a
     * trial's {@code 'AWS_SESSION_TOKEN=x' is not a key value pair}), elsewhere a quoted
     * {@code name=value}, {@code name:value} or URI. An option's name and a plain value stay
     * ({@code invalid value for 'serverSelectionTimeoutMS'. 'abc' is not a valid integer}).
     */
    public static String driverRefusal(String message) {
        if (message == null) {
            return null;
        }
        String redacted = redact(message);
        boolean authentication = redacted.toLowerCase(Locale.ROOT).contains("authentication");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^'\\r\\n]*)'").matcher(redacted);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean hide = authentication || m.group(1).matches(".*[=:@/].*");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(hide ? "'" + HIDDEN + "'" : m.group()));
        }
        return m.appendTail(out).toString();
    }

    private static boolean isSecretName(String lowerCaseName) {
        return lowerCaseName.contains("password") || lowerCaseName.contains("token") || lowerCaseName.contains("secret");
    }

    /**
     * What a message about a rejected {@code uri} says after "expected": the form of a connection
     * string and, in brackets, {@link #problem} (with its percent-encoding hint for a password's
     * {@code /}, {@code :} or {@code @}); null when the structure is one the driver accepts. Never
     * quotes the string, so never its password. The agent's {@code mongo.uri} line and the CLI's
     * {@code --uri} line both use it.
     */
    public static String expected(String uri) {
        String problem = problem(uri);
        return problem == null ? null : FORM + " (" + problem + ")";
    }

    /**
     * What is wrong with {@code uri} in words that never quote it, or null when its structure is
     * one the driver accepts.
     */
    static String problem(String uri) {
        boolean srv = uri.startsWith(SRV);
        if (!srv && !uri.startsWith(PLAIN)) {
            return "it does not start with mongodb:// or mongodb+srv://";
        }
        String rest = uri.substring(srv ? SRV.length() : PLAIN.length());
        int end = hostsEnd(rest);
        String userAndHosts = rest.substring(0, end);
        // Either /database?options or, without the slash, ?options straight after the hosts.
        String path = end < rest.length() ? rest.substring(end) : "";
        int question = path.indexOf('?');
        String database = path.startsWith("/") ? path.substring(1, question < 0 ? path.length() : question) : "";
        String options = question < 0 ? "" : path.substring(question + 1);

        int at = userAndHosts.lastIndexOf('@');
        String hosts = userAndHosts.substring(at + 1);
        String problem = at < 0 ? null : userInfoProblem(userAndHosts.substring(0, at), options);
        if (problem == null) {
            problem = hostsProblem(hosts, srv);
        }
        if (problem == null && database.indexOf(' ') >= 0) {
            problem = "the database name contains a space";
        }
        if (problem == null) {
            problem = optionsProblem(options);
        }
        return problem;
    }

    private static String userInfoProblem(String userInfo, String options) {
        if (userInfo.isEmpty()) {
            return "an '@' without a user name";
        }
        int colon = userInfo.indexOf(':');
        if (userInfo.indexOf('@') >= 0 || (colon >= 0 && userInfo.indexOf(':', colon + 1) >= 0)) {
            return "a ':' or '@' inside the user name or password must be percent-encoded (%3A, %40)";
        }
        if (colon == 0) {
            return "a password without a user name";
        }
        for (int i = 0; i < userInfo.length(); i++) {
            if (userInfo.charAt(i) == '%' && !(isHex(userInfo, i + 1) && isHex(userInfo, i + 2))) {
                return "a '%' in the user name or password that does not start a %XX escape";
            }
        }
        // Without a password only mechanisms that need none work (X.509, Kerberos, AWS, OIDC).
        if (colon < 0 && !options.toLowerCase(Locale.ROOT).contains("authmechanism=")) {
            return "a user name without a password (user:password@) and no authMechanism option";
        }
        return null;
    }

    private static String hostsProblem(String hosts, boolean srv) {
        String[] list = hosts.split(",", -1);
        if (srv && list.length > 1) {
            return "mongodb+srv:// takes exactly one host name";
        }
        for (String host : list) {
            if (host.isEmpty()) {
                return "an empty host name";
            }
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                if (close < 0) {
                    return "an IPv6 address without its closing ']'";
                }
                String after = host.substring(close + 1);
                if (!after.isEmpty() && !after.startsWith(":")) {
                    return "text after an IPv6 address that is not :port";
                }
            } else if (host.indexOf(':') != host.lastIndexOf(':')) {
                return "a host with more than one ':' (an IPv6 address goes in [ ]; a password's ':' must be percent-encoded)";
            }
            String port = nameAndPort(host)[1];
            if (port != null && srv) {
                return "mongodb+srv:// takes a host name without a port";
            }
            if (port != null && !isPort(port)) {
                return "a port that is not a number from 1 to 65535 (a password's '/', '?' or '#' must be percent-encoded)";
            }
        }
        return null;
    }

    private static String optionsProblem(String options) {
        int from = 0;
        while (from < options.length()) {
            int end = from;
            while (end < options.length() && options.charAt(end) != '&' && options.charAt(end) != ';') {
                end++;
            }
            if (end > from && options.substring(from, end).indexOf('=') < 0) {
                return "an option without '=value'";
            }
            from = end + 1;
        }
        return null;
    }

    /**
     * The hosts of a {@code mongodb://} connection string as (unresolved) addresses, port 27017
     * where none is given; empty for {@code mongodb+srv://} (its hosts come from DNS), for a Unix
     * domain socket and for a string {@link #problem} rejects. The user's name and password are
     * skipped, never returned.
     */
    public static java.util.List<java.net.InetSocketAddress> hosts(String uri) {
        java.util.List<java.net.InetSocketAddress> out = new java.util.ArrayList<java.net.InetSocketAddress>();
        if (!uri.startsWith(PLAIN) || problem(uri) != null) {
            return out;
        }
        for (String host : hostList(uri)) {
            String[] nameAndPort = nameAndPort(host);
            String name = nameAndPort[0];
            if (socket(name)) {
                return new java.util.ArrayList<java.net.InetSocketAddress>();
            }
            out.add(java.net.InetSocketAddress.createUnresolved(name, nameAndPort[1] == null ? 27017 : Integer.parseInt(nameAndPort[1])));
        }
        return out;
    }

    /**
     * The servers {@code uri} names, as text that two URIs of one deployment share: each host as
     * {@code name:port} (lower case, port 27017 where none is given, {@code localhost} for
     * {@code 127.0.0.1} and {@code ::1}), a {@code mongodb+srv://} host as {@code srv:name}, a Unix
     * socket as its (escaped) path. Empty for a string {@link #problem} rejects. Never the user or
     * password.
     */
    public static java.util.List<String> seeds(String uri) {
        java.util.List<String> out = new java.util.ArrayList<String>();
        if (uri == null || problem(uri) != null) {
            return out;
        }
        boolean srv = uri.startsWith(SRV);
        for (String host : hostList(uri)) {
            String[] nameAndPort = nameAndPort(host);
            String name = nameAndPort[0].toLowerCase(Locale.ROOT);
            if (srv) {
                out.add("srv:" + name);
            } else if (socket(name)) {
                out.add(name);
            } else {
                boolean loopback = name.equals("127.0.0.1") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
                out.add((loopback ? "localhost" : name) + ":" + (nameAndPort[1] == null ? "27017" : nameAndPort[1]));
            }
        }
        return out;
    }

    /** The host list of a string {@link #problem} accepts, as written: after the scheme and the user, split at ','. */
    private static String[] hostList(String uri) {
        String rest = uri.substring(uri.startsWith(SRV) ? SRV.length() : PLAIN.length());
        int end = hostsEnd(rest);
        return rest.substring(rest.lastIndexOf('@', end - 1) + 1, end).split(",");
    }

    /** Whether a host of the list is a Unix domain socket's (percent-encoded) path, as the driver tells them. */
    private static boolean socket(String name) {
        return name.contains("%2F") || name.contains("%2f") || name.endsWith(".sock");
    }

    /** Where the user and hosts end in what follows the scheme: at the first '/' or '?', or the end. */
    private static int hostsEnd(String rest) {
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
            end++;
        }
        return end;
    }

    /** {@code host[:port]} or {@code [ipv6][:port]}, checked by {@link #hostsProblem}: the name and the port (null: none). */
    private static String[] nameAndPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return new String[] {host.substring(1, close), close + 1 < host.length() ? host.substring(close + 2) : null};
        }
        int colon = host.indexOf(':');
        return colon < 0 ? new String[] {host, null} : new String[] {host.substring(0, colon), host.substring(colon + 1)};
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int port = Integer.parseInt(s);
        return port >= 1 && port <= 65535;
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}

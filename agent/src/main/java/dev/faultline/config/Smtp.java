package dev.faultline.config;

import java.util.Collections;
import java.util.List;

/**
 * The {@code notify.smtp.*} settings of the {@code email} alert channel (ALERTS.md "Email").
 * {@link #toString()} shows the user name and the password as {@code <hidden>}.
 */
public final class Smtp {
    public final String host;
    public final int port;
    public final String from;
    public final List<String> to;
    /** Empty: no AUTH. */
    public final String username;
    public final String password;
    /** STARTTLS required before anything else is sent (the default); false only for a trusted relay. */
    public final boolean starttls;

    Smtp(String host, int port, String from, List<String> to, String username, String password, boolean starttls) {
        this.host = host;
        this.port = port;
        this.from = from;
        this.to = Collections.unmodifiableList(to);
        this.username = username;
        this.password = password;
        this.starttls = starttls;
    }

    @Override
    public String toString() {
        return host + ":" + port + " from " + from + " to " + to
                + (username.isEmpty() ? "" : " user <hidden> password <hidden>") + (starttls ? " starttls" : " plain");
    }
}

package dev.faultline.alert;

import dev.faultline.config.Smtp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal SMTP client (RFC 5321) for one plain-text message: EHLO, STARTTLS (required unless
 * {@code notify.smtp.starttls=false}; the server's certificate and host name are checked), AUTH
 * PLAIN when a user name is set, MAIL, RCPT, DATA, QUIT. Written here instead of packaging Jakarta
 * Mail (about 750 KB with its activation dependency) into the agent jar for one message format;
 * ALERTS.md has the reasoning. Errors name the SMTP step and reply code, never the password.
 */
final class SmtpClient {
    static final int TIMEOUT_MILLIS = 10_000;

    private final Smtp smtp;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    SmtpClient(Smtp smtp) {
        this.smtp = smtp;
    }

    void send(String subject, String body) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(smtp.host, smtp.port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            streams();
            expect("greeting", 220);
            String features = command("EHLO", "EHLO faultline", 250);
            if (smtp.starttls) {
                if (!features.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
                    throw new IOException("SMTP server offers no STARTTLS (set notify.smtp.starttls=false only for a trusted relay)");
                }
                command("STARTTLS", "STARTTLS", 220);
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, smtp.host, smtp.port, true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
                socket = tls;
                streams();
                command("EHLO", "EHLO faultline", 250);
            }
            if (!smtp.username.isEmpty()) {
                String token = Base64.getEncoder().encodeToString(("\0" + smtp.username + "\0" + smtp.password)
                        .getBytes(StandardCharsets.UTF_8));
                command("AUTH", "AUTH PLAIN " + token, 235);
            }
            command("MAIL", "MAIL FROM:<" + smtp.from + ">", 250);
            for (String to : smtp.to) {
                command("RCPT", "RCPT TO:<" + to + ">", 250, 251);
            }
            command("DATA", "DATA", 354);
            write(message(subject, body) + ".\r\n");
            expect("DATA", 250);
            command("QUIT", "QUIT", 221);
        } finally {
            socket.close();
        }
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    private String message(String subject, String body) {
        SimpleDateFormat date = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(smtp.from).append("\r\n");
        m.append("To: ").append(String.join(", ", smtp.to)).append("\r\n");
        m.append("Subject: ").append(header(subject)).append("\r\n");
        m.append("Date: ").append(date.format(new Date())).append("\r\n");
        m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        for (String line : body.replace("\r\n", "\n").replace('\r', ' ').split("\n", -1)) {
            // Dot-stuffing (RFC 5321 4.5.2): a line starting with "." gets another.
            m.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return m.toString();
    }

    /** One line, and RFC 2047 encoded when it is not plain ASCII. */
    static String header(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ");
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) > 126) {
                return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)) + "?=";
            }
        }
        return line;
    }

    private String command(String step, String line, int... ok) throws IOException {
        write(line + "\r\n");
        return expect(step, ok);
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one (possibly multi-line) reply; the text of all its lines when its code is one of {@code ok}. */
    private String expect(String step, int... ok) throws IOException {
        StringBuilder text = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null || line.length() < 3) {
                throw new IOException("SMTP " + step + ": connection closed");
            }
            text.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code;
        try {
            code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            throw new IOException("SMTP " + step + ": not an SMTP reply");
        }
        for (int c : ok) {
            if (c == code) {
                return text.toString();
            }
        }
        throw new IOException("SMTP " + step + " refused: " + code);
    }
}

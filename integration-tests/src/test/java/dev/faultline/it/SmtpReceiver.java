package dev.faultline.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process SMTP server for tests, just enough of RFC 5321 for one client at a time: EHLO
 * (offering AUTH PLAIN, no STARTTLS), AUTH PLAIN, MAIL, RCPT, DATA, QUIT. Keeps each message as
 * received, and the credentials given to AUTH.
 */
final class SmtpReceiver implements AutoCloseable {
    record Mail(String from, List<String> to, String data, String credentials) {
    }

    private final ServerSocket server;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private final Thread thread;

    SmtpReceiver() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "test-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Mail> mails() {
        return List.copyOf(mails);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)), s.getOutputStream());
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    private void session(BufferedReader in, OutputStream out) throws IOException {
        reply(out, "220 test-smtp ready");
        String from = null;
        String credentials = null;
        List<String> to = new CopyOnWriteArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String upper = line.toUpperCase();
            if (upper.startsWith("EHLO")) {
                reply(out, "250-test-smtp\r\n250 AUTH PLAIN");
            } else if (upper.startsWith("AUTH PLAIN ")) {
                credentials = new String(Base64.getDecoder().decode(line.substring(11)), StandardCharsets.UTF_8).replace('\0', '|');
                reply(out, "235 ok");
            } else if (upper.startsWith("MAIL FROM:")) {
                from = line.substring(10);
                reply(out, "250 ok");
            } else if (upper.startsWith("RCPT TO:")) {
                to.add(line.substring(8));
                reply(out, "250 ok");
            } else if (upper.equals("DATA")) {
                reply(out, "354 go on");
                StringBuilder data = new StringBuilder();
                for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                    data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
                }
                mails.add(new Mail(from, List.copyOf(to), data.toString(), credentials));
                reply(out, "250 queued");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "502 not here");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

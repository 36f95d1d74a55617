package dev.faultline.it;

import com.mongodb.ConnectionString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy between an agent and MongoDB that a test can cut (connections closed and refused),
 * blackhole (connections accepted, nothing ever answered), slow down, and restore. Threads are
 * daemons; {@link #close} ends them.
 */
final class FaultProxy implements AutoCloseable {
    private enum Mode { PASS, CUT, BLACKHOLE }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayNanos;
    /** {@code System.nanoTime()} of the first connection accepted; 0 before it. */
    private volatile long firstConnection;

    /** A proxy to the MongoDB at {@code mongoUri}, passing traffic until told otherwise. */
    FaultProxy(String mongoUri) throws IOException {
        String[] target = new ConnectionString(mongoUri).getHosts().get(0).split(":");
        this.targetHost = target[0];
        this.targetPort = target.length > 1 ? Integer.parseInt(target[1]) : 27017;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("fault-proxy-accept", this::accept);
    }

    /** The URI an agent uses to reach MongoDB through this proxy. */
    String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalPort() + "/?directConnection=true";
    }

    FaultProxy pass() {
        delayNanos = 0;
        mode = Mode.PASS;
        return this;
    }

    /** Closes every connection and closes new ones at once, as a MongoDB that went away. */
    FaultProxy cut() {
        mode = Mode.CUT;
        closeAll();
        return this;
    }

    /** Accepts connections and swallows what they send: a MongoDB that never answers. */
    FaultProxy blackhole() {
        mode = Mode.BLACKHOLE;
        return this;
    }

    /** Delays every chunk by {@code millis}, both ways. */
    FaultProxy slow(long millis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        mode = Mode.PASS;
        return this;
    }

    /** When the first connection came, by {@code System.nanoTime()} in this JVM; 0 while none has. */
    long firstConnection() {
        return firstConnection;
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeAll();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (firstConnection == 0) {
                    firstConnection = System.nanoTime();
                }
                if (mode == Mode.CUT) {
                    client.close();
                    continue;
                }
                open.add(client);
                if (mode == Mode.BLACKHOLE) {
                    daemon("fault-proxy-sink", () -> pump(client, null));
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(upstream);
                daemon("fault-proxy-up", () -> pump(client, upstream));
                daemon("fault-proxy-down", () -> pump(upstream, client));
            } catch (IOException e) {
                // closed, or MongoDB itself refused: the client sees its connection drop
            }
        }
    }

    /** Copies {@code from} to {@code to} (or nowhere while blackholed) until either closes. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from) {
            InputStream in = from.getInputStream();
            OutputStream out = to == null ? null : to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (mode == Mode.CUT) {
                    break;
                }
                if (mode == Mode.BLACKHOLE || out == null) {
                    continue;
                }
                long delay = delayNanos;
                if (delay > 0) {
                    LockSupport.parkNanos(delay);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(to);
            open.remove(from);
        }
    }

    private void closeAll() {
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** A local port where nothing listens: MongoDB absent. */
    static String absentUri() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "mongodb://127.0.0.1:" + s.getLocalPort() + "/?directConnection=true";
        }
    }
}

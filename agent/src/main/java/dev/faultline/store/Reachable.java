package dev.faultline.store;

import dev.faultline.config.MongoUris;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.util.List;

/**
 * Whether one of MongoDB's hosts takes a TCP connection: asked before a run that captured nothing
 * makes the MongoDB client at its exit only to store what earlier runs left. During an outage the
 * answer is a refused connection at once (or {@link #CONNECT_MILLIS}), where making the client
 * and waiting for its heartbeat would keep the exit of every short run waiting a few hundred ms.
 */
final class Reachable {
    /** How long one host's connection may take. */
    static final int CONNECT_MILLIS = 250;
    /** Addresses tried at most, in the connection string's order. */
    private static final int MAX_TRIES = 4;

    private Reachable() {
    }

    /**
     * True when a host of {@code uri} accepts a connection, or when only the driver can tell (a
     * {@code mongodb+srv://} string, a Unix domain socket). Direct, as the driver's own sockets
     * are: no JVM-wide proxy.
     */
    static boolean anyHost(String uri) {
        List<InetSocketAddress> hosts = MongoUris.hosts(uri);
        if (hosts.isEmpty()) {
            return true;
        }
        int tried = 0;
        for (InetSocketAddress host : hosts) {
            InetAddress[] addresses;
            try {
                // Every address of the name, as the driver tries them (localhost: ::1 and 127.0.0.1).
                addresses = InetAddress.getAllByName(host.getHostString());
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (InetAddress address : addresses) {
                if (tried++ == MAX_TRIES) {
                    return false;
                }
                try (Socket socket = new Socket(Proxy.NO_PROXY)) {
                    socket.connect(new InetSocketAddress(address, host.getPort()), CONNECT_MILLIS);
                    return true;
                } catch (IOException | RuntimeException e) {
                    // refused or silent: the next address
                }
            }
        }
        return false;
    }
}

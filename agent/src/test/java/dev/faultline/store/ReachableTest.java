package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The TCP check a short run makes before it makes the MongoDB client at exit for left spool files. */
class ReachableTest {
    @Test
    void aHostThatAcceptsIsReachableByNameAndOneThatRefusesIsNot() throws Exception {
        int closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // "localhost" may resolve to ::1 first: every address of the name is tried.
            assertTrue(Reachable.anyHost("mongodb://localhost:" + server.getLocalPort()));
            assertTrue(Reachable.anyHost("mongodb://u:p@127.0.0.1:1,127.0.0.1:" + server.getLocalPort() + "/db?w=1"), "the second host");
            closed = server.getLocalPort();
        }
        assertFalse(Reachable.anyHost("mongodb://127.0.0.1:" + closed));
    }

    @Test
    void onlyTheDriverCanTellForAnSrvName() {
        assertTrue(Reachable.anyHost("mongodb+srv://cluster0.example.invalid/db"));
    }
}

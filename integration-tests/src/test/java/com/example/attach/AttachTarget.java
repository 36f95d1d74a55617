package com.example.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running application that never heard of Faultline: it logs through JUL when told to on its
 * standard input, so a test can attach the agent in between. Outside dev.faultline on purpose
 * (the agent ignores its own packages).
 */
public final class AttachTarget {
    private AttachTarget() {
    }

    public static void main(String[] args) throws Exception {
        Logger log = Logger.getLogger("com.example.attach.Worker");
        log.info("started without an agent");
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("fail ")) {
                log.log(Level.SEVERE, "job " + line.substring(5) + " failed", new IllegalStateException("disk full"));
            }
            System.out.println("done " + line);
        }
    }
}

package dev.faultline.core;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.EventSink;
import dev.faultline.instrument.Weaving;
import java.lang.instrument.Instrumentation;

/** TEMPORARY wiring to check packaging and weaving end to end. */
public final class AgentStarter {
    private AgentStarter() {
    }

    public static void start(Instrumentation inst, String agentArgs) {
        Weaving weaving = Weaving.install(inst, null);
        Bridge.install(new EventSink() {
            @Override
            public boolean accept(CapturedEvent e) {
                System.err.println("[faultline] captured " + e.source + " " + e.severity + " " + e.logger + " "
                        + e.template + " " + e.throwable + " ctx=" + e.context + " kv=" + e.keyValues
                        + " site=" + e.siteClass + "." + e.siteMethod + ":" + e.siteLine);
                return false;
            }
        }, 40);
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                Bridge.markAgentThread();
                weaving.completeOnAgentThread();
            }
        }, "faultline-writer");
        t.setDaemon(true);
        t.start();
    }
}

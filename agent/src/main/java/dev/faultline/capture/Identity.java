package dev.faultline.capture;

import dev.faultline.config.Config;
import org.bson.Document;

/** The identity fields every record carries (DESIGN.md section 4). */
public final class Identity {
    private final String service;
    private final String environment;
    private final String release;
    private final String serverId;
    private final String nodeName;
    private final String machine;
    private final String host;
    private final long pid;

    public Identity(String service, String environment, String release, String serverId, String nodeName,
            String machine, String host, long pid) {
        this.service = service;
        this.environment = environment;
        this.release = release;
        this.serverId = serverId;
        this.nodeName = nodeName;
        this.machine = machine;
        this.host = host;
        this.pid = pid;
    }

    /** Call on the agent's thread: may read the host name. */
    public static Identity of(Config config) {
        return new Identity(config.service(), config.environment(), config.release(), config.serverId(),
                config.nodeName(), config.machine(), Config.hostName(), ProcessHandle.current().pid());
    }

    public String service() {
        return service;
    }

    public String serverId() {
        return serverId;
    }

    public String nodeName() {
        return nodeName;
    }

    public String machine() {
        return machine;
    }

    public String host() {
        return host;
    }

    public long pid() {
        return pid;
    }

    public void appendTo(Document doc) {
        doc.append("service", service)
                .append("environment", environment)
                .append("release", release)
                .append("server_id", serverId)
                .append("node_name", nodeName)
                .append("local_machine_name", machine)
                .append("host", host)
                .append("pid", pid);
    }
}

package dev.faultline.alert;

import dev.faultline.config.Smtp;
import java.io.IOException;

/** {@code notify.smtp.*}: one plain-text e-mail per notice to every {@code notify.smtp.to} address. */
final class EmailChannel implements Channel {
    private final Smtp smtp;

    EmailChannel(Smtp smtp) {
        this.smtp = smtp;
    }

    @Override
    public void send(AlertNotice notice) throws IOException {
        new SmtpClient(smtp).send("[faultline] " + notice.text(), body(notice));
    }

    static String body(AlertNotice n) {
        StringBuilder b = new StringBuilder(n.text()).append("\n\n");
        GroupChange g = n.group;
        if (g != null) {
            b.append("Group:       ").append(g.fingerprint).append('\n');
            b.append("Title:       ").append(g.title).append('\n');
            b.append("Severity:    ").append(g.severity).append('\n');
            b.append("Occurrences: ").append(g.countAfter).append('\n');
            b.append("Service:     ").append(g.service).append(g.environment == null ? "" : " (" + g.environment + ")").append('\n');
            if (g.release() != null) {
                b.append("Release:     ").append(g.release()).append('\n');
            }
            if (g.assignee != null) {
                b.append("Assignee:    ").append(g.assignee).append('\n');
            }
            b.append("Rule:        ").append(n.rule.id).append(" (").append(n.rule.kind).append(")\n");
        }
        b.append("Time:        ").append(n.time.toInstant()).append('\n');
        b.append("\nSee it with: java -jar faultline-agent.jar group ").append(g == null ? "<fingerprint>" : g.fingerprint).append('\n');
        return b.toString();
    }
}

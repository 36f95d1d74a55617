/**
 * Alerts about groups (docs/ALERTS.md), on the writer thread and the {@code faultline-alerts}
 * thread: the rules kept in {@code alert_rules} ({@link dev.faultline.alert.AlertRule},
 * {@link dev.faultline.alert.Rules}), what one group write answered
 * ({@link dev.faultline.alert.GroupChange}) and the decision taken from it alone
 * ({@link dev.faultline.alert.Trigger}: the database's answer to the atomic update decides, so one
 * notice goes out across all JVMs), the rate limit with its digest
 * ({@link dev.faultline.alert.RateLimit}), one file per channel, and the sender thread that posts
 * with timeouts and hands back what became of each notice for {@code notices}
 * ({@link dev.faultline.alert.Sender}). Error-code notices stay in {@code dev.faultline.codes}.
 */
package dev.faultline.alert;

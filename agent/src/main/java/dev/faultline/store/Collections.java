package dev.faultline.store;

/** Collection names of DESIGN.md section 4, in one place. */
public final class Collections {
    public static final String APP_ERRORS = "app_errors";
    public static final String ERROR_GROUPS = "error_groups";
    public static final String ERROR_CODES = "error_codes";
    public static final String AGENT_HEALTH = "agent_health";
    public static final String ALERT_RULES = "alert_rules";
    public static final String NOTICES = "notices";
    /** The notice rate limit shared by all JVMs, one document per channel and window (ALERTS.md "No floods"). */
    public static final String NOTICE_LIMITS = "notice_limits";
    public static final String GROUPING_RULES = "grouping_rules";

    private Collections() {
    }
}

package com.example.secrets;

import java.util.List;

/**
 * Secret-bearing inputs, each with the secret that must not reach MongoDB. {@link SecretsApp}
 * logs every row; the redaction integration test searches everything stored for every secret.
 * All values are made up for the test.
 */
public final class SecretTable {
    /** Where the input goes: the message, an exception message, a cause, an argument, an MDC key, an exception field. */
    public enum Where { MESSAGE, EXCEPTION, CAUSE, ARGUMENT, MDC, FIELD }

    /** {@code key} is the MDC key for {@link Where#MDC}. */
    public record Row(String name, Where where, String key, String input, String secret) {
        static Row of(String name, Where where, String input, String secret) {
            return new Row(name, where, null, input, secret);
        }
    }

    public static final List<Row> ROWS = List.of(
            Row.of("password-key-value", Where.MESSAGE, "login failed: password=hunter2-Xq9", "hunter2-Xq9"),
            Row.of("password-json", Where.MESSAGE, "body {\"user\":\"ann\",\"password\":\"pa55-JSON-w0rd\"}", "pa55-JSON-w0rd"),
            Row.of("api-key-header", Where.MESSAGE, "X-Api-Key: hdr-key-314159", "hdr-key-314159"),
            Row.of("bearer-token", Where.EXCEPTION, "401 for Authorization: Bearer bearer-tok-8c1f2e9a7b", "bearer-tok-8c1f2e9a7b"),
            Row.of("basic-credentials", Where.CAUSE, "proxy sent Basic dXNlcjpzM2NyM3QtYmFzaWM=", "dXNlcjpzM2NyM3QtYmFzaWM="),
            Row.of("mongodb-uri", Where.EXCEPTION, "cannot reach mongodb://app:Mongo-Pass-42@db1:27017/prod", "Mongo-Pass-42"),
            Row.of("jdbc-query-password", Where.CAUSE, "jdbc:postgresql://db/prod?user=app&password=Pg-Pass-77", "Pg-Pass-77"),
            Row.of("oracle-credentials", Where.MESSAGE, "jdbc:oracle:thin:scott/Tiger-Pw-3@db:1521:orcl refused", "Tiger-Pw-3"),
            Row.of("redis-uri", Where.ARGUMENT, "redis://:Redis-Pw-8@cache:6379", "Redis-Pw-8"),
            Row.of("aws-access-key", Where.MESSAGE, "access key AKIAIOSFODNN7EXAMPLE rejected", "AKIAIOSFODNN7EXAMPLE"),
            Row.of("aws-secret-key", Where.EXCEPTION, "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            Row.of("card-number-spaced", Where.MESSAGE, "charge of 4111 1111 1111 1111 declined", "4111 1111 1111 1111"),
            Row.of("card-number-plain", Where.ARGUMENT, "5555555555554444", "5555555555554444"),
            Row.of("pem-private-key", Where.EXCEPTION,
                    "bad key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzW1sPEMbody\nQmFzZTY0Ym9keQ==\n-----END RSA PRIVATE KEY-----",
                    "MIIEowIBAAKCAQEAzW1sPEMbody"),
            Row.of("jwt", Where.MESSAGE, "expired eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqd3Qtc3ViamVjdCJ9.jwtSig-Abc123_def",
                    "eyJzdWIiOiJqd3Qtc3ViamVjdCJ9"),
            Row.of("github-token", Where.CAUSE, "push rejected for ghp_1234567890abcdefghijklmnopqrstuvwxyz",
                    "ghp_1234567890abcdefghijklmnopqrstuvwxyz"),
            Row.of("cookie-header", Where.MESSAGE, "Cookie: theme=dark; SESSIONID=Cookie-Val-555", "Cookie-Val-555"),
            Row.of("query-token", Where.ARGUMENT, "/reset?user=ann&access_token=qs-token-271828", "qs-token-271828"),
            new Row("mdc-password", Where.MDC, "password", "mdc-hunter2-value", "mdc-hunter2-value"),
            new Row("mdc-api-key", Where.MDC, "X-Api-Key", "mdc-api-key-123", "mdc-api-key-123"),
            new Row("mdc-session", Where.MDC, "session", "sess-abc-987", "sess-abc-987"),
            new Row("mdc-text-with-secret", Where.MDC, "request", "POST /login?pwd=Mdc-Pwd-31", "Mdc-Pwd-31"),
            new Row("configured-key", Where.MDC, "tenant_pin", "tenant-pin-0042", "tenant-pin-0042"),
            Row.of("configured-pattern", Where.MESSAGE, "reference ACME-482913 leaked", "ACME-482913"),
            Row.of("field-client-secret", Where.FIELD, "field-secret-xyz", "field-secret-xyz"));

    private SecretTable() {
    }
}

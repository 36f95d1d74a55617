package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = new Redactor(List.of(), List.of());

    /** Text carrying a secret, and the secret, which must not survive. */
    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("login failed: password=hunter2-Xq9", "hunter2-Xq9"),
                Arguments.of("login failed: Password = \"hunter 2 quoted\"", "hunter 2 quoted"),
                Arguments.of("{\"user\":\"ann\",\"password\":\"pa55-JSON-w0rd\"}", "pa55-JSON-w0rd"),
                Arguments.of("{\\\"user\\\":\\\"ann\\\",\\\"pwd\\\":\\\"escaped-JSON-pw\\\"}", "escaped-JSON-pw"),
                Arguments.of("config: {'client_secret': 'cs-single-quoted-77'}", "cs-single-quoted-77"),
                Arguments.of("api_key: AbCdEf0123456789XyZ", "AbCdEf0123456789XyZ"),
                Arguments.of("X-Api-Key=hdr-key-314159", "hdr-key-314159"),
                Arguments.of("db.password=dotted-key-pw&user=app", "dotted-key-pw"),
                Arguments.of("GET /reset?user=ann&access_token=qs-token-271828&lang=en", "qs-token-271828"),
                Arguments.of("Authorization: Bearer abc.DEF-123_ghi~jkl", "abc.DEF-123_ghi~jkl"),
                Arguments.of("upstream said: bearer zyx987wvu654tsr321", "zyx987wvu654tsr321"),
                Arguments.of("Authorization: Basic dXNlcjpzM2NyM3Q=", "dXNlcjpzM2NyM3Q="),
                Arguments.of("retrying with Basic YWxhZGRpbjpvcGVuc2VzYW1l", "YWxhZGRpbjpvcGVuc2VzYW1l"),
                Arguments.of("connect to mongodb://app:Mongo-Pass-42@db1:27017,db2/prod failed", "Mongo-Pass-42"),
                Arguments.of("redis://:Redis-Pw-8@cache:6379 refused", "Redis-Pw-8"),
                Arguments.of("jdbc:postgresql://db/prod?user=app&password=Pg-Pass-77", "Pg-Pass-77"),
                Arguments.of("jdbc:oracle:thin:scott/Tiger-Pw-3@db:1521:orcl", "Tiger-Pw-3"),
                Arguments.of("Server=db;Database=prod;User Id=app;Password=Sql-Pw-55;", "Sql-Pw-55"),
                Arguments.of("key AKIAIOSFODNN7EXAMPLE rejected", "AKIAIOSFODNN7EXAMPLE"),
                Arguments.of("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                Arguments.of("charge 4111 1111 1111 1111 declined", "4111 1111 1111 1111"),
                Arguments.of("charge 5555555555554444 declined", "5555555555554444"),
                Arguments.of("charge 3782-822463-10005 declined", "3782-822463-10005"),
                Arguments.of("key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzW1s\nQmFzZTY0Ym9keQ==\n-----END RSA PRIVATE KEY-----\n",
                        "MIIEowIBAAKCAQEAzW1s"),
                Arguments.of("{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkq\\n-----END PRIVATE KEY-----\\n\"}",
                        "MIIEvQIBADANBgkq"),
                Arguments.of("cut key -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg... [truncated 900 chars]", "MHcCAQEEIBkg"),
                Arguments.of("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig-Abc123_def expired",
                        "eyJzdWIiOiIxMjM0NTY3ODkwIn0"),
                Arguments.of("Cookie: theme=dark; SESSIONID=Cookie-Val-555", "Cookie-Val-555"),
                Arguments.of("Set-Cookie: sid=Set-Cookie-777; Path=/; HttpOnly", "Set-Cookie-777"),
                Arguments.of("push rejected for ghp_1234567890abcdefghijklmnopqrstuvwxyz", "ghp_1234567890abcdefghijklmnopqrstuvwxyz"),
                Arguments.of("slack xoxb-1234567890-abcdefghij rejected", "xoxb-1234567890-abcdefghij"),
                Arguments.of("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
                Arguments.of("maps AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv"),
                Arguments.of("session: sess-abc-987", "sess-abc-987"),
                Arguments.of("card cvv=937 rejected", "937"),
                // A trial's forms, each stored whole or in part before.
                Arguments.of("headers {Authorization=[Bearer tokSP3abcdefgh], Cookie=[SESSION=cSP4]}", "tokSP3abcdefgh"),
                Arguments.of("Authorization: Digest username=\"u\", response=\"rM12abcdef\"", "rM12abcdef"),
                Arguments.of("Authorization: AWS4-HMAC-SHA256 Credential=AKIDM17/x, Signature=sigM17abcdef", "sigM17abcdef"),
                Arguments.of("redirect=https%3A%2F%2Fx%2Fcb%3Faccess_token%3DtTC4secret", "tTC4secret"),
                Arguments.of("connect mongodb://u:pw@M36secret@h/db failed", "pw@M36secret"),
                Arguments.of("token github_pat_11ABCDEFG0123456789_abcdefghijklmnop rejected", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"),
                Arguments.of("post to https://hooks.slack.com/services/T000/B000/XXXXM37secret failed", "XXXXM37secret"),
                Arguments.of("config <password>pwS56cxyz</password> rejected", "pwS56cxyz"),
                Arguments.of("started with [--password, pwS38secret]", "pwS38secret"),
                Arguments.of("run --token tF07secret now", "tF07secret"),
                Arguments.of("{\"user\":\"u\",\"pass\":\"pM29secret\"}", "pM29secret"),
                Arguments.of("auth=aS12secret", "aS12secret"),
                // A short Bearer token: a digit or a token's punctuation, or the scheme and it as a whole value.
                Arguments.of("upstream refused Bearer abc123 twice", "abc123"),
                Arguments.of("retry with Bearer a-b.c", "a-b.c"),
                Arguments.of("hdr=Bearer xyzw", "xyzw"),
                Arguments.of("headers [\"Bearer qrst\", \"gzip\"]", "qrst"),
                Arguments.of("Bearer mnop", "mnop"),
                // A URL with credentials, percent-encoded in a query (a parameter's value or name).
                Arguments.of("GET /login?redirect=https%3A%2F%2Fsvc%3AQs-Pw-55%40api.example.com%2Fcb&x=1", "Qs-Pw-55"),
                Arguments.of("/cb?https%3a%2f%2fu%3aQn%2540pw%40h=1", "Qn%2540pw"));
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void secretIsReplacedAndTheRestKept(String text, String secret) {
        String out = redactor.text(text);
        assertFalse(out.contains(secret) || out.contains(secret.substring(secret.length() / 2)), out);
        assertTrue(out.contains(Redactor.MASK), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "at com.example.auth.TokenService.refresh(TokenService.java:42)",
        "org.hibernate.SessionException: Session is closed",
        "com.example.InvalidPasswordException: password too short",
        "order 1700000000000 created at 2024-01-15 10:20:30",
        "basic configuration loaded",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "order 4111111111111112 not found",
        "http://example.com:8080/path@v2 moved",
        "payment failed for order 1001",
        "author=John passport: X12 bypass=true",
        "range 10-20 and --verbose mode, <b>bold</b>",
        "Bearer of bad news",
        "the bearer of the ring arrived. (bearer auth) using Bearer auth.",
        "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
    })
    void ordinaryTextIsLeftAlone(String text) {
        assertEquals(text, redactor.text(text));
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = redactor.text("password=hunter2 and Authorization: Bearer abcdefgh12345");
        assertEquals(once, redactor.text(once));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "DB_PASSWORD", "db.password", "userPassword", "X-Auth-Token", "api-key", "APIKEY",
        "Set-Cookie", "JSESSIONID", "private_key", "client_secret", "aws_secret_access_key", "credentials", "pwd", "auth", "PASS"})
    void secretKeysMatchIgnoringCaseSeparatorsAndSurroundings(String key) {
        assertTrue(redactor.isSecretKey(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_id", "job_id", "order_id", "tenant", "path", "status", "message", "author", "passport"})
    void ordinaryKeysAreNotSecret(String key) {
        assertFalse(redactor.isSecretKey(key), key);
    }

    /** A key holding a whole {@code k=v}, or a URL with credentials, is stored with the secret part hidden. */
    @ParameterizedTest
    @ValueSource(strings = {"password=hunter2", "token:abc123", "https://u:pw9secret@db.example.com/x", "hdr Bearer abc123"})
    void aKeyIsRedactedAsATextIs(String key) {
        String stored = redactor.key(key);
        assertTrue(stored.contains(Redactor.MASK), stored);
        assertFalse(stored.contains("hunter2") || stored.contains("abc123") || stored.contains("pw9secret"), stored);
        assertEquals("order_id", redactor.key("order_id"));
    }

    @Test
    void usersKeysAndPatternsAddToTheBuiltInOnes() {
        Redactor custom = new Redactor(List.of("tenant_pin"), List.of("ACME-\\d{6}", "ref=(?<secret>[A-Z]{3})-\\d+"));
        assertTrue(custom.isSecretKey("tenantPin"));
        assertTrue(custom.isSecretKey("password"), "built-in keys still apply");
        assertEquals("pin [REDACTED] and tenant_pin=[REDACTED]", custom.text("pin ACME-482913 and tenant_pin=0042"));
        assertEquals("ref=[REDACTED]-77", custom.text("ref=XYZ-77"));
        assertEquals("password=[REDACTED]", custom.text("password=hunter2"));
        assertFalse(redactor.isSecretKey("tenant_pin"), "only where configured");
    }
}

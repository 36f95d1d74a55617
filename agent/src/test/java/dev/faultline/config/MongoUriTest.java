package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mongo.uri: checked like the driver checks it, and its password never printed. */
class MongoUriTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "mongodb://localhost", "mongodb://localhost:27017", "mongodb://h:65535", "mongodb://h1,h2:27018/db",
        "mongodb://h?w=1", "mongodb://h/?w=1", "mongodb://h/db?w=1&&x=2", "mongodb://h/db;w=1", "mongodb://h/db?w=1;x=2",
        "mongodb://u:p@h", "mongodb://u:@h", "mongodb://u:p%40q@h", "mongodb://u@h/?authMechanism=MONGODB-X509",
        "mongodb://[::1]:27017", "mongodb://[::1]", "mongodb+srv://cluster0.abc.mongodb.net", "mongodb+srv://u:p@cluster0.abc.mongodb.net/app",
        "mongodb://h/db.collection", "mongodb://ops:s3cr3t@db1.internal:27017,db2.internal:27017/app?replicaSet=rs0&tls=true",
        "mongodb://", "mongodb://h:0", "mongodb://h:65536", "mongodb://h:abc", "mongodb://h:", "mongodb://h:-1", "mongodb://h:1:2",
        "mongodb://h1,,h2", "mongodb://,h", "mongodb://h/db?w", "mongodb://@h", "mongodb://u@h", "mongodb://u:p:q@h", "mongodb://u:p@q@h",
        "mongodb://u:p%zz@h", "mongodb://:p@h", "mongodb://[::1", "mongodb://::1", "mongodb+srv://h:27017", "mongodb+srv://h1,h2",
        "mongodb://u:pa/ss@h", "mongodb://u:pa?ss@h", "mongodb://h/d b", "mongodb://u:p@", "MONGODB://h", "mongo://h", "localhost:27017",
        "http://h", "mongodb:/h", "",
    })
    void acceptsExactlyWhatTheDriverAccepts(String uri) {
        boolean driverAccepts;
        try {
            new ConnectionString(uri);
            driverAccepts = true;
        } catch (IllegalArgumentException e) {
            driverAccepts = false;
        }
        String problem = MongoUris.problem(uri);
        assertEquals(driverAccepts, problem == null, "driver " + (driverAccepts ? "accepts" : "rejects") + ", we say: " + problem);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "mongodb://localhost", "mongodb://localhost:27017", "mongodb://h1,h2:27018/db", "mongodb://h?w=1",
        "mongodb://u:p@h", "mongodb://u:p%40q@h:28000/db", "mongodb://[::1]:27017", "mongodb://[::1]", "mongodb://[fe80::1]:27018,h2",
        "mongodb://ops:s3cr3t@db1.internal:27017,db2.internal:27017/app?replicaSet=rs0&tls=true",
    })
    void theHostsOfAConnectionStringAreTheDriversWithTheirPorts(String uri) {
        java.util.List<String> driver = new java.util.ArrayList<>();
        for (String h : new ConnectionString(uri).getHosts()) {
            driver.add(h.endsWith("]") || h.indexOf(':') < 0 ? h + ":27017" : h);
        }
        java.util.List<String> ours = new java.util.ArrayList<>();
        for (java.net.InetSocketAddress a : MongoUris.hosts(uri)) {
            ours.add((a.getHostString().indexOf(':') >= 0 ? "[" + a.getHostString() + "]" : a.getHostString()) + ":" + a.getPort());
        }
        assertEquals(driver, ours);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mongodb+srv://cluster0.abc.mongodb.net", "mongodb://%2Ftmp%2Fmongodb-27017.sock", "mongodb://h:0", "mongodb://,h", ""})
    void noHostsWhereOnlyTheDriverCanFindThem(String uri) {
        assertEquals(java.util.List.of(), MongoUris.hosts(uri));
    }

    @Test
    void theSeedsOfAConnectionStringAreTheServersItNamesNeverItsCredentials() {
        assertEquals(java.util.List.of("db1.internal:27017", "db2.internal:27018"),
                MongoUris.seeds("mongodb://ops:s3cr3t@DB1.internal,db2.internal:27018/app?replicaSet=rs0"));
        assertEquals(java.util.List.of("localhost:27017", "localhost:28000", "localhost:27017"),
                MongoUris.seeds("mongodb://127.0.0.1,localhost:28000,[::1]"));
        assertEquals(java.util.List.of("srv:cluster0.abc.mongodb.net"), MongoUris.seeds("mongodb+srv://u:p@cluster0.abc.mongodb.net/db"));
        assertEquals(java.util.List.of("%2ftmp%2fmongodb-27017.sock"), MongoUris.seeds("mongodb://%2Ftmp%2Fmongodb-27017.sock"));
        assertEquals(java.util.List.of(), MongoUris.seeds("mongodb://u:p:s3cr3t@h"));
        assertEquals(java.util.List.of(), MongoUris.seeds(null));
    }

    @Test
    void problemNeverQuotesTheConnectionString() {
        String[] bad = {"mongodb://u:p:s3cr3t@h", "mongodb://u:s3cr3t/x@h", "mongodb://u:s3cr3t@", "mongodb://s3cr3t:@h:1:2"};
        for (String uri : bad) {
            String problem = MongoUris.problem(uri);
            assertTrue(problem != null && !problem.contains("s3cr3t"), uri + " -> " + problem);
        }
    }

    @Test
    void badUriMessageNamesKeyAndFormAndHidesThePassword() {
        ConfigException e = Setup.with().property("mongo.uri", "mongo://ops:s3cr3tPass@db.internal/").failure();
        assertEquals("faultline: invalid value \"mongo://ops:<hidden>@db.internal/\" for mongo.uri (system property faultline.mongo.uri):"
                + " expected " + MongoUris.FORM + " (it does not start with mongodb:// or mongodb+srv://); Faultline is off", e.getMessage());
    }

    @Test
    void passwordWithAnUnescapedSlashIsHiddenWholeInTheMessage() {
        String m = Setup.messageFor("mongo.uri", "mongodb://ops:pa/ss@db.internal/app");
        assertTrue(m.contains("\"mongodb://ops:<hidden>@db.internal/app\""), m);
        assertTrue(m.contains("a port that is not a number"), m);
        assertFalse(m.contains("pa/ss") || m.contains("ss@"), m);
    }

    @Test
    void passwordWithAnUnescapedColonOrAtIsHiddenWholeInTheMessage() {
        for (String uri : new String[] {"mongodb://ops:pa:ss@db", "mongodb://ops:p@ss@db"}) {
            String m = Setup.messageFor("mongo.uri", uri);
            assertTrue(m.contains("\"mongodb://ops:<hidden>@db\""), m);
            assertTrue(m.contains("must be percent-encoded"), m);
        }
    }

    @Test
    void goodUriIsKeptAsWrittenAndPrintedWithoutItsPassword() {
        String uri = "mongodb://ops:s3cr3t@db1:27017,db2:27017/app?replicaSet=rs0";
        Config c = Setup.with().property("mongo.uri", uri).load();
        assertEquals(uri, c.mongoUri());
        assertTrue(c.toString().contains("mongo.uri=mongodb://ops:<hidden>@db1:27017,db2:27017/app?replicaSet=rs0"), c.toString());
        assertFalse(c.toString().contains("s3cr3t"));
    }

    @Test
    void redactHidesOnlyThePassword() {
        assertEquals("mongodb://bob:<hidden>@h1,h2/db", MongoUris.redact("mongodb://bob:s3cret@h1,h2/db"));
        assertEquals("mongodb+srv://bob:<hidden>@c.example.net", MongoUris.redact("mongodb+srv://bob:s3cret@c.example.net"));
        assertEquals("mongodb://bob@h/?authMechanism=MONGODB-X509", MongoUris.redact("mongodb://bob@h/?authMechanism=MONGODB-X509"));
        assertEquals("mongodb://h1:27017/db?w=1", MongoUris.redact("mongodb://h1:27017/db?w=1"));
        // Without an '@', a port that is no port may be a password cut from it (a raw comma in an agent argument).
        assertEquals("mongodb://u:<hidden>", MongoUris.redact("mongodb://u:hunter"));
        assertEquals("mongodb://h1:27017,u:<hidden>/db", MongoUris.redact("mongodb://h1:27017,u:pw/db"));
        assertEquals("mongodb://[::1]:27017/", MongoUris.redact("mongodb://[::1]:27017/"));
        assertNull(MongoUris.redact(null));
    }

    @Test
    void redactHidesSecretsInOptions() {
        assertEquals("mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:<hidden>,SERVICE_NAME:x",
                MongoUris.redact("mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:tok3n,SERVICE_NAME:x"));
        assertEquals("mongodb://h/?tlsCertificateKeyFilePassword=<hidden>;appName=a",
                MongoUris.redact("mongodb://h/?tlsCertificateKeyFilePassword=pw;appName=a"));
    }

    @Test
    void redactHidesEvenWhenTheStringIsMalformed() {
        assertEquals("mongodb://bob:<hidden>@h", MongoUris.redact("mongodb://bob:p@ss:w/rd@h"));
        assertEquals("bob:<hidden>@h", MongoUris.redact("bob:s3cret@h"));
        assertEquals("Timed out: mongodb://u:<hidden>@h", MongoUris.redact("Timed out: mongodb://u:s3cret@h"));
    }
    /** A trial: '=' typed for ':' in authMechanismProperties, and the driver's message quoting it. */
    @Test
    void aTokenTypedWithTheWrongSeparatorOrQuotedByTheDriverIsHidden() {
        assertEquals("mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN=<hidden>",
                MongoUris.redact("mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN=tokLEAK1"));
        assertEquals("mongodb://h/?authMechanismProperties=<hidden>", MongoUris.redact("mongodb://h/?authMechanismProperties=tokLEAK2"));
        assertEquals("The connection string contains invalid authentication properties. '<hidden>' is not a key value pair",
                MongoUris.driverRefusal("The connection string contains invalid authentication properties. 'AWS_SESSION_TOKEN=tokLEAK1' is not a key value pair"));
        assertEquals("The connection string contains an invalid value for 'serverSelectionTimeoutMS'. 'abc' is not a valid integer",
                MongoUris.driverRefusal("The connection string contains an invalid value for 'serverSelectionTimeoutMS'. 'abc' is not a valid integer"),
                "what helps and cannot be a secret stays");
    }
}

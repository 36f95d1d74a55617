package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.attach.AttachTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code attach <pid>}: the agent loaded into a JVM that started without it. */
class AttachTest {
    @Test
    void attachLoadsTheAgentIntoARunningJvmWhichThenRecordsItsErrors() throws Exception {
        Stored stored = Stored.fresh();
        Path classes = Path.of(AttachTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process target = new ProcessBuilder(AgentJvm.Jdk.JDK17.java().toString(), "-cp", classes.toString(), AttachTarget.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter in = new PrintWriter(target.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertEquals("ready " + target.pid(), out.readLine());
            in.println("fail before");
            assertEquals("done fail before", out.readLine());

            FaultlineCli.Result r = FaultlineCli.run("attach", String.valueOf(target.pid()), "flush.interval=50ms",
                    "app-packages=com.example", "--uri", MongoSource.get().uri, "--database", stored.database);
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.stdout().startsWith("faultline agent loaded into process " + target.pid()), r.stdout());
            assertTrue(r.stdout().contains("the agent in process " + target.pid() + " is reporting into database " + stored.database),
                    "attach waits until the agent's first health report: " + r.output());

            in.println("fail after");
            assertEquals("done fail after", out.readLine());
            List<Document> found = stored.await(stored.errors(), eq("message", "job after failed"), 1);
            assertEquals(1, found.size(), "the error logged after attaching is recorded: " + stored.all());
            Document d = found.get(0);
            assertEquals("jul", d.getString("source"));
            assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"));
            assertEquals("com/example/attach/AttachTarget.java", d.getString("file"));
            assertEquals(0, stored.errors().countDocuments(eq("message", "job before failed")), "nothing before the attach");
        } finally {
            target.destroy();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void attachExplainsWhatIsWrongWithoutAStackTrace() throws Exception {
        FaultlineCli.Result notANumber = FaultlineCli.run("attach", "my-app");
        assertEquals(2, notANumber.exit(), notANumber.output());
        assertTrue(notANumber.stderr().contains("<pid> must be a process id"), notANumber.stderr());

        FaultlineCli.Result badSetting = FaultlineCli.run("attach", "1", "flush.interval=soon");
        assertEquals(2, badSetting.exit(), badSetting.output());
        assertTrue(badSetting.stderr().contains("flush.interval"), badSetting.stderr());

        FaultlineCli.Result unknownKey = FaultlineCli.run("attach", "1", "flush.intervall=1s");
        assertEquals(2, unknownKey.exit(), unknownKey.output());
        assertTrue(unknownKey.stderr().contains("flush.interval"), "suggests the right key: " + unknownKey.stderr());

        long gone = ProcessHandle.current().pid() + 1_000_000;
        FaultlineCli.Result noSuchProcess = FaultlineCli.run("attach", String.valueOf(gone));
        assertEquals(1, noSuchProcess.exit(), noSuchProcess.output());
        assertTrue(noSuchProcess.stderr().startsWith("faultline: cannot attach to process " + gone), noSuchProcess.stderr());
        for (FaultlineCli.Result r : List.of(notANumber, badSetting, unknownKey, noSuchProcess)) {
            assertFalse(r.output().contains("\tat "), r.output());
        }
    }
}

package dev.faultline.it;

/** The application's logging helpers on JDK 25 (StackWalker and LogRecord as there). */
class LogWrappersOnJdk25Test extends LogWrappersTest {
    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

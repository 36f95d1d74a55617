package dev.faultline.it;

/** Log4j2 with synchronous loggers on JDK 17. */
class Log4j2SyncTest extends Log4j2Scenario {
    @Override
    String mainClass() {
        return "com.example.log4j2.SyncApp";
    }
}

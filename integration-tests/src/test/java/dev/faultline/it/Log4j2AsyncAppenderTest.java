package dev.faultline.it;

/** Log4j2 with synchronous loggers behind an AsyncAppender on JDK 17. */
class Log4j2AsyncAppenderTest extends Log4j2Scenario {
    @Override
    String mainClass() {
        return "com.example.log4j2.AsyncAppenderApp";
    }
}

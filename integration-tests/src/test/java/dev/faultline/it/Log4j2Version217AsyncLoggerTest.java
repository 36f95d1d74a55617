package dev.faultline.it;

/** Log4j2 2.17.2 with AsyncLogger on the LMAX disruptor 3.4 (an older generation), on JDK 17. */
class Log4j2Version217AsyncLoggerTest extends Log4j2Scenario {
    @Override
    String mainClass() {
        return "com.example.log4j2.AsyncLoggerApp";
    }

    @Override
    String libs() {
        return "log4j2-17";
    }
}

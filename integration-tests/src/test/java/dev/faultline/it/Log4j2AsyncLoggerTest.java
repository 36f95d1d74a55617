package dev.faultline.it;

/** Log4j2 with every logger an AsyncLogger (LMAX disruptor) on JDK 25. */
class Log4j2AsyncLoggerTest extends Log4j2Scenario {
    @Override
    String mainClass() {
        return "com.example.log4j2.AsyncLoggerApp";
    }

    @Override
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK25;
    }
}

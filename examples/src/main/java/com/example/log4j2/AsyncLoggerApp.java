package com.example.log4j2;

/** The Log4j2 example with every logger asynchronous (AsyncLogger on the LMAX disruptor). */
public class AsyncLoggerApp {
    public static void main(String[] args) {
        System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        SyncApp.run("log4j2-sync.xml");
    }
}

package com.example.log4j2;

/** The Log4j2 example with synchronous loggers writing through an AsyncAppender. */
public class AsyncAppenderApp {
    public static void main(String[] args) {
        SyncApp.run("log4j2-async-appender.xml");
    }
}

package com.example.bridges;

/** Backend Logback: the Log4j2 API through log4j-to-slf4j, JUL through jul-to-slf4j, commons-logging 1.3 through SLF4J. */
public class Log4j2ToLogbackApp {
    public static void main(String[] args) {
        BridgedCalls.run();
    }
}

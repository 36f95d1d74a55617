package com.example.bridges;

/** Backend Log4j2 core: SLF4J through log4j-slf4j2-impl, JUL through jul-to-slf4j, commons-logging 1.3 directly. */
public class Slf4jToLog4j2App {
    public static void main(String[] args) {
        System.setProperty("log4j2.configurationFile", "log4j2-sync.xml");
        BridgedCalls.run();
    }
}

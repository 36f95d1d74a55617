package com.example.log4j1;

import org.apache.log4j.BasicConfigurator;
import org.apache.log4j.Logger;
import org.apache.log4j.MDC;

/** Log4j 1.2 / reload4j: an error with a throwable and MDC, an error without, a warning. */
public class Log4j1App {
    private static final Logger log = Logger.getLogger(Log4j1App.class);

    public static void main(String[] args) {
        BasicConfigurator.configure();
        MDC.put("job_id", "job-3");
        try {
            Integer.parseInt("twelve"); // faultline-it: log4j1-root-cause
        } catch (NumberFormatException e) {
            log.error("cannot parse quantity", e);
        } finally {
            MDC.remove("job_id");
        }
        log.warn("quantities look odd");
        log.error("batch 9 rejected"); // faultline-it: log4j1-without-exception
        System.out.println("log4j1: done");
    }
}

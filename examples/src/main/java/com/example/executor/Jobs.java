package com.example.executor;

/** Background work that fails with a message naming the case. */
class Jobs {
    String fail(String what) {
        throw new IllegalStateException(what); // faultline-it: job-throw
    }
}

package com.example.uncaught;

/** Work that fails on whichever thread runs it. */
class Importer {
    void run() {
        throw new UnsupportedOperationException("csv dialect not supported"); // faultline-it: importer-throw
    }

    void settle() {
        throw new ArithmeticException("ledger does not balance"); // faultline-it: main-throw
    }
}

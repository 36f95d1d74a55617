package com.example.grouping;

/** One method, two lines that reach the same bug: a column that is not a number. */
final class ImportJob {
    int importRow(String quantity, String price) {
        int q = Integer.parseInt(quantity); // faultline-it: first-column
        int p = Integer.parseInt(price); // faultline-it: second-column
        return q * p;
    }
}

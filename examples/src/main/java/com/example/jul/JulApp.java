package com.example.jul;

/** The JUL example: a SEVERE with an exception, a SEVERE with MessageFormat parameters, a WARNING, an INFO. */
public class JulApp {
    public static void main(String[] args) {
        new Inventory().load("north");
        System.out.println("jul: done");
    }
}

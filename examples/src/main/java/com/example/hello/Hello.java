package com.example.hello;

/** Hello world, for measuring what the agent adds to a JVM's start. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}

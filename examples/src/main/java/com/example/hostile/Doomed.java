package com.example.hostile;

/**
 * Loaded by a throwaway class loader that is closed before the agent reads it: listing its
 * fields needs {@link DoomedDetail}, which that loader can no longer load.
 */
public class Doomed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    DoomedDetail detail;
    final String reason;

    public Doomed(String reason) {
        super(reason);
        this.reason = reason;
    }
}

package dev.faultline.codes;

/** Wall-clock milliseconds, injectable so that window timing is unit-tested without waiting. */
public interface Clock {
    Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }
    };

    long millis();
}

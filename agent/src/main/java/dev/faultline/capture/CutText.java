package dev.faultline.capture;

/**
 * An MDC value the intake cut before the event waited ({@code intake.EventSize}): its kept
 * characters and how many were cut, so that the record's marker ({@code ... [truncated N chars]})
 * counts the whole value, as it does for a cut argument or template. Reads as its kept text.
 */
public final class CutText implements CharSequence {
    private final String text;
    /** Characters cut off before the event waited. */
    final int cut;

    public CutText(String text, int cut) {
        this.text = text;
        this.cut = cut;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.faultline.capture;

/** One kind of secret recognised in text. */
interface SecretRule {
    /**
     * {@code text} with every secret of this kind replaced by {@link Redactor#MASK}; the same
     * instance when there was none.
     *
     * @param lower {@code text} with ASCII letters in lower case (same length, same positions)
     */
    String apply(String text, String lower);
}

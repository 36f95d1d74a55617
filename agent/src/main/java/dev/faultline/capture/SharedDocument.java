package dev.faultline.capture;

import org.bson.Document;

/**
 * A part of records made once and shared by every record that holds it (a stack frame's
 * document: the same frames come with every occurrence of a group). Nothing changes it after it
 * is made (the scrubber copies what it changes, {@link RecordSize} shrinks a copy), so its BSON
 * is made once too and copied into each record's ({@link RecordEncoder}).
 */
final class SharedDocument extends Document {
    private static final long serialVersionUID = 1L;

    private transient byte[] bson;

    SharedDocument(String key, Object value) {
        super(key, value);
    }

    /** Its BSON, a whole document from the array's first byte to its last; never changed. */
    byte[] bson() {
        if (bson == null) {
            bson = RecordEncoder.encodeAlone(this);
        }
        return bson;
    }
}

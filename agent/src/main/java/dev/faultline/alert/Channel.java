package dev.faultline.alert;

import java.io.IOException;

/** Where a notice goes; one implementation per channel. Called on the sender thread only. */
interface Channel {
    /** Sends, or throws with a message that never holds the channel's URL or credentials. */
    void send(AlertNotice notice) throws IOException;
}

package vn.loa.protocol.message;

import vn.loa.protocol.codec.InvalidMessageException;

/** Every message on the wire is JSON with {@code "v": 1}; each knows its own field rules. */
public interface WireMessage {
    int VERSION = 1;

    int v();

    /** Checks the fields beyond what JSON parsing already guarantees. */
    void validate() throws InvalidMessageException;
}

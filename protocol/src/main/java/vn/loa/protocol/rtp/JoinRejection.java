package vn.loa.protocol.rtp;

/** Why a join packet was dropped; the streamer counts each reason. */
public enum JoinRejection {
    /** Not a join packet, or a token that does not parse. */
    MALFORMED,
    /** The token's signature does not match: not issued by this server, or altered. */
    FORGED,
    /** The token's expiry has passed. */
    EXPIRED,
    /** A token already used from another address. */
    REPLAYED,
    /** A sound token for a stream that is not running here. */
    UNKNOWN_STREAM
}

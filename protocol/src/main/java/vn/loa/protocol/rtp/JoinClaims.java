package vn.loa.protocol.rtp;

/** What a verified join token grants: this device may receive this stream if it joins before the expiry. */
public record JoinClaims(String streamId, String deviceId, long expiresEpochSecond, String nonce) {
}

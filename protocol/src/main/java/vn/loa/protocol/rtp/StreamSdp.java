package vn.loa.protocol.rtp;

import java.util.HashMap;
import java.util.Map;

/**
 * The SDP (RFC 8866) with which a standard receiver plays a Loa stream: Opus per RFC 7587 ({@code opus/48000/2},
 * mono signalled in fmtp), RTCP on the RTP port. {@code connectionHost} and {@code port} are where the receiver
 * listens; {@code originHost} is the streamer's address.
 */
public record StreamSdp(String name, long sessionId, String originHost, String connectionHost, int port,
                        int payloadType, int frameMillis) {

    public StreamSdp {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535");
        }
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("Opus needs a dynamic payload type (96..127)");
        }
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("session name must be printable text");
        }
    }

    public String toText() {
        String ipVersion = connectionHost.contains(":") ? "IP6" : "IP4";
        String originVersion = originHost.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=- " + sessionId + " 1 IN " + originVersion + " " + originHost + "\r\n"
                + "s=" + name + "\r\n"
                + "c=IN " + ipVersion + " " + connectionHost + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + payloadType + "\r\n"
                + "a=rtpmap:" + payloadType + " opus/48000/2\r\n"
                + "a=fmtp:" + payloadType + " stereo=0;sprop-stereo=0;useinbandfec=1\r\n"
                + "a=ptime:" + frameMillis + "\r\n"
                + "a=rtcp-mux\r\n"
                + "a=recvonly\r\n";
    }

    /** Reads back the fields Loa writes; other lines are ignored. */
    public static StreamSdp parse(String text) throws MalformedPacketException {
        Map<String, String> first = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String key = line.substring(0, 1);
            String value = line.substring(2);
            if (key.equals("a")) {
                int colon = value.indexOf(':');
                attributes.putIfAbsent(colon < 0 ? value : value.substring(0, colon),
                        colon < 0 ? "" : value.substring(colon + 1));
            } else {
                first.putIfAbsent(key, value);
            }
        }
        try {
            String[] origin = required(first, "o").split(" ");
            String[] connection = required(first, "c").split(" ");
            String[] media = required(first, "m").split(" ");
            if (!media[0].equals("audio") || !required(attributes, "rtpmap").contains("opus/48000")) {
                throw new MalformedPacketException("SDP does not describe an Opus audio stream");
            }
            return new StreamSdp(required(first, "s"), Long.parseLong(origin[1]), origin[5], connection[2],
                    Integer.parseInt(media[1]), Integer.parseInt(media[3]),
                    Integer.parseInt(required(attributes, "ptime")));
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new MalformedPacketException("SDP field does not parse: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> fields, String key) throws MalformedPacketException {
        String value = fields.get(key);
        if (value == null) {
            throw new MalformedPacketException("SDP lacks " + key);
        }
        return value;
    }
}

package vn.loa.protocol.rtp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import vn.loa.protocol.srtp.SrtpKey;

/**
 * The SDP (RFC 8866) with which a standard receiver plays a Loa stream: Opus per RFC 7587 ({@code opus/48000/2},
 * mono signalled in fmtp), RTCP on the RTP port. {@code connectionHost} and {@code port} are where the receiver
 * listens; {@code originHost} is the streamer's address. With {@code srtp} the profile is RTP/SAVP and the key goes
 * in an RFC 4568 {@code a=crypto} line, as ffmpeg reads it: such an SDP is as secret as the key. An IPv4 multicast
 * connection address carries {@code multicastTtl} after a slash, as RFC 8866 requires.
 */
public record StreamSdp(String name, long sessionId, String originHost, String connectionHost, int port,
                        int payloadType, int frameMillis, SrtpKey srtp, int multicastTtl) {
    /** A host name or an IPv4/IPv6 literal, as SDP and play orders carry it: nothing that could break a line. */
    public static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
    /** RFC 7587: the packet time a receiver assumes when the SDP has no {@code a=ptime} (ffmpeg writes none). */
    public static final int DEFAULT_FRAME_MILLIS = 20;
    /** The longest Opus packet. */
    public static final int MAX_FRAME_MILLIS = 120;
    /** The TTL an SDP without one means, and that a unicast SDP keeps (unwritten). */
    public static final int DEFAULT_TTL = 1;
    private static final String CRYPTO_TAG = "1";
    private static final Pattern IPV4_MULTICAST = Pattern.compile("2(2[4-9]|3[0-9])(\\.[0-9]{1,3}){3}");

    public StreamSdp {
        if (originHost == null || !HOST.matcher(originHost).matches()
                || connectionHost == null || !HOST.matcher(connectionHost).matches()) {
            throw new IllegalArgumentException("hosts must be host names or IP literals");
        }
        if (frameMillis < 1 || frameMillis > MAX_FRAME_MILLIS) {
            throw new IllegalArgumentException("frame duration must be within 1.." + MAX_FRAME_MILLIS + " ms");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535");
        }
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("Opus needs a dynamic payload type (96..127)");
        }
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("session name must be printable text");
        }
        if (multicastTtl < 0 || multicastTtl > 255) {
            throw new IllegalArgumentException("multicast TTL must be within 0..255");
        }
    }

    /** The SDP of a plain RTP stream. */
    public StreamSdp(String name, long sessionId, String originHost, String connectionHost, int port,
                     int payloadType, int frameMillis) {
        this(name, sessionId, originHost, connectionHost, port, payloadType, frameMillis, null, DEFAULT_TTL);
    }

    public String toText() {
        String ipVersion = connectionHost.contains(":") ? "IP6" : "IP4";
        String originVersion = originHost.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=- " + sessionId + " 1 IN " + originVersion + " " + originHost + "\r\n"
                + "s=" + name + "\r\n"
                + "c=IN " + ipVersion + " " + connectionHost
                + (IPV4_MULTICAST.matcher(connectionHost).matches() ? "/" + multicastTtl : "") + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + (srtp == null ? " RTP/AVP " : " RTP/SAVP ") + payloadType + "\r\n"
                + "a=rtpmap:" + payloadType + " opus/48000/2\r\n"
                + "a=fmtp:" + payloadType + " stereo=0;sprop-stereo=0;useinbandfec=1\r\n"
                + "a=ptime:" + frameMillis + "\r\n"
                + "a=rtcp-mux\r\n"
                + (srtp == null ? "" : "a=crypto:" + CRYPTO_TAG + " " + SrtpKey.SUITE + " inline:" + srtp.toBase64()
                        + "\r\n")
                + "a=recvonly\r\n";
    }

    /**
     * Reads back the fields Loa writes, and the same fields from an SDP another tool wrote (ffmpeg writes no
     * ptime, and a multicast connection address carries a TTL); other lines are ignored.
     */
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
                String name = colon < 0 ? value : value.substring(0, colon);
                String argument = colon < 0 ? "" : value.substring(colon + 1);
                if (name.equals("rtpmap")) {
                    name += ":" + argument.split(" ", 2)[0];
                }
                attributes.putIfAbsent(name, argument);
            } else {
                first.putIfAbsent(key, value);
            }
        }
        try {
            String[] origin = fields(first, "o", 6, 6);
            String[] connection = fields(first, "c", 3, 3);
            String[] media = fields(first, "m", 4, Integer.MAX_VALUE);
            int payloadType = Integer.parseInt(media[3]);
            String rtpmap = required(attributes, "rtpmap:" + payloadType).toLowerCase(Locale.ROOT);
            if (!media[0].equals("audio") || !rtpmap.startsWith(payloadType + " opus/48000")) {
                throw new MalformedPacketException("SDP does not describe an Opus audio stream");
            }
            String ptime = attributes.get("ptime");
            return new StreamSdp(required(first, "s"), Long.parseLong(origin[1]), origin[5],
                    host(connection[2]), Integer.parseInt(media[1]), payloadType,
                    ptime == null ? DEFAULT_FRAME_MILLIS : Integer.parseInt(ptime), srtpKey(attributes.get("crypto")),
                    ttl(connection[2]));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("SDP field does not parse: " + e.getMessage());
        }
    }

    /** The key of an {@code a=crypto:<tag> AES_CM_128_HMAC_SHA1_80 inline:<key>} line, or null without one. */
    private static SrtpKey srtpKey(String crypto) throws MalformedPacketException {
        if (crypto == null) {
            return null;
        }
        String[] fields = crypto.split(" ");
        if (fields.length < 3 || !fields[1].equals(SrtpKey.SUITE) || !fields[2].startsWith("inline:")) {
            throw new MalformedPacketException("SDP crypto line is not " + SrtpKey.SUITE + " with an inline key");
        }
        String inline = fields[2].substring("inline:".length());
        int lifetime = inline.indexOf('|');
        return SrtpKey.parse(lifetime < 0 ? inline : inline.substring(0, lifetime));
    }

    /** A multicast connection address carries its TTL after a slash: {@code 239.1.2.3/16}. */
    private static String host(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /** The TTL after the slash (and before a second slash, the address count), else {@link #DEFAULT_TTL}. */
    private static int ttl(String address) {
        String[] parts = address.split("/");
        return parts.length < 2 ? DEFAULT_TTL : Integer.parseInt(parts[1]);
    }

    /** The space-separated fields of a line, {@code min} to {@code max} of them (RFC 8866 fixes most counts). */
    private static String[] fields(Map<String, String> lines, String key, int min, int max)
            throws MalformedPacketException {
        String[] fields = required(lines, key).split(" ");
        if (fields.length < min || fields.length > max) {
            throw new MalformedPacketException("SDP " + key + "= line has " + fields.length + " fields");
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String key) throws MalformedPacketException {
        String value = fields.get(key);
        if (value == null) {
            throw new MalformedPacketException("SDP lacks " + key);
        }
        return value;
    }
}

package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.srtp.SrtpKey;

class StreamSdpTest {
    private static final StreamSdp LOA = new StreamSdp("Bản tin sáng", 42, "10.0.0.5", "127.0.0.1", 5004, 96, 60);

    /** What {@code ffmpeg -c:a libopus -f rtp -sdp_file} (ffmpeg 5.1) writes for a mono Opus stream. */
    private static final String FFMPEG = """
            v=0\r
            o=- 0 0 IN IP4 127.0.0.1\r
            s=No Name\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            a=tool:libavformat LIBAVFORMAT_VERSION\r
            m=audio 5004 RTP/AVP 97\r
            b=AS:32\r
            a=rtpmap:97 opus/48000/2\r
            """;

    @Test
    void writesOpusPerRfc7587WithRtcpMux() {
        assertThat(LOA.toText()).isEqualTo("""
                v=0\r
                o=- 42 1 IN IP4 10.0.0.5\r
                s=Bản tin sáng\r
                c=IN IP4 127.0.0.1\r
                t=0 0\r
                m=audio 5004 RTP/AVP 96\r
                a=rtpmap:96 opus/48000/2\r
                a=fmtp:96 stereo=0;sprop-stereo=0;useinbandfec=1\r
                a=ptime:60\r
                a=rtcp-mux\r
                a=recvonly\r
                """);
    }

    @Test
    void whatLoaWritesParsesBack() throws MalformedPacketException {
        assertThat(StreamSdp.parse(LOA.toText())).isEqualTo(LOA);
    }

    @Test
    void anSrtpStreamIsSavpWithItsKeyInACryptoLineAndParsesBack() throws MalformedPacketException {
        SrtpKey key = SrtpKey.generate(new SecureRandom());
        StreamSdp sdp = new StreamSdp("Bản tin sáng", 42, "10.0.0.5", "127.0.0.1", 5004, 96, 60, key,
                StreamSdp.DEFAULT_TTL);
        assertThat(sdp.toText()).contains("m=audio 5004 RTP/SAVP 96\r\n",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key.toBase64() + "\r\n");
        assertThat(StreamSdp.parse(sdp.toText())).isEqualTo(sdp);
        assertThat(StreamSdp.parse(sdp.toText().replace(key.toBase64(), key.toBase64() + "|2^31")).srtp())
                .as("a key lifetime is allowed").isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:WVNfX19abV45aDIpSTMuNSMrNmVRczJmVmVYOVRU",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 WVNfX19abV45aDIpSTMuNSMrNmVRczJmVmVYOVRU",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:short", "a=crypto:1"})
    void aCryptoLineLoaCannotUseIsRefused(String line) {
        assertThatThrownBy(() -> StreamSdp.parse(FFMPEG + line + "\r\n")).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void ipv6HostsAreMarkedIp6AndParseBack() throws MalformedPacketException {
        StreamSdp sdp = new StreamSdp("live", 7, "2001:db8::5", "::1", 6000, 127, 20);
        assertThat(sdp.toText()).contains("o=- 7 1 IN IP6 2001:db8::5\r\n", "c=IN IP6 ::1\r\n");
        assertThat(StreamSdp.parse(sdp.toText())).isEqualTo(sdp);
    }

    @Test
    void parsesAnSdpAsFfmpegWritesIt() throws MalformedPacketException {
        assertThat(StreamSdp.parse(FFMPEG))
                .isEqualTo(new StreamSdp("No Name", 0, "127.0.0.1", "127.0.0.1", 5004, 97,
                        StreamSdp.DEFAULT_FRAME_MILLIS));
        assertThat(StreamSdp.DEFAULT_FRAME_MILLIS).isEqualTo(20);
    }

    @Test
    void aMulticastConnectionAddressCarriesItsTtl() throws MalformedPacketException {
        StreamSdp parsed = StreamSdp.parse(FFMPEG.replace("c=IN IP4 127.0.0.1", "c=IN IP4 239.1.2.3/16"));
        assertThat(parsed.connectionHost()).isEqualTo("239.1.2.3");
        assertThat(parsed.multicastTtl()).isEqualTo(16);

        StreamSdp lan = new StreamSdp("LAN", 1, "10.0.0.5", "239.255.10.1", 5006, 96, 60, null, 4);
        assertThat(lan.toText()).contains("c=IN IP4 239.255.10.1/4\r\n");
        assertThat(StreamSdp.parse(lan.toText())).isEqualTo(lan);
        assertThat(LOA.toText()).as("no TTL on a unicast address").contains("c=IN IP4 127.0.0.1\r\n");
        assertThat(new StreamSdp("x", 1, "h", "ff02::1", 1, 96, 20, null, 4).toText())
                .as("nor on IPv6, which has none in SDP").contains("c=IN IP6 ff02::1\r\n");
        assertThatThrownBy(() -> new StreamSdp("x", 1, "h", "h", 1, 96, 20, null, 256))
                .hasMessageContaining("TTL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c=IN IP4 /", "c=IN IP4 /16", "c=IN IP4", "c=IN IP4 127.0.0.1 extra"})
    void aBadConnectionLineIsMalformed(String connection) {
        assertMalformed(FFMPEG.replace("c=IN IP4 127.0.0.1", connection), "SDP");
    }

    @Test
    void bareNewlinesAndAnUpperCaseEncodingNameAreAccepted() throws MalformedPacketException {
        String text = LOA.toText().replace("\r\n", "\n").replace("opus/48000/2", "OPUS/48000/2");
        assertThat(StreamSdp.parse(text)).isEqualTo(LOA);
    }

    @Test
    void theRtpmapOfTheMediaPayloadTypeIsTheOneThatCounts() {
        String otherCodec = FFMPEG.replace("a=rtpmap:97 opus/48000/2", "a=rtpmap:97 PCMU/8000\r\na=rtpmap:98 opus/48000/2");
        assertMalformed(otherCodec, "not describe an Opus audio stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"o=", "s=", "c=", "m=", "a=rtpmap"})
    void anSdpWithoutAnEssentialLineIsMalformed(String prefix) {
        String text = FFMPEG.lines().filter(line -> !line.startsWith(prefix))
                .reduce("", (all, line) -> all + line + "\n");
        assertMalformed(text, "SDP lacks");
    }

    @Test
    void videoIsNotAnOpusStream() {
        assertMalformed(FFMPEG.replace("m=audio", "m=video"), "not describe an Opus audio stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"m=audio 0 RTP/AVP 97", "m=audio 70000 RTP/AVP 97", "m=audio x RTP/AVP 97",
        "m=audio 5004 RTP/AVP", "m=audio 5004 RTP/AVP 8"})
    void aBadMediaLineIsMalformed(String media) {
        String text = FFMPEG.replace("m=audio 5004 RTP/AVP 97", media).replace("rtpmap:97", "rtpmap:8");
        assertMalformed(text, "SDP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"o=-", "o=- x 0 IN IP4 127.0.0.1", "o=- 0 0 IN IP4 bad host"})
    void aBadOriginIsMalformed(String origin) {
        assertMalformed(FFMPEG.replace("o=- 0 0 IN IP4 127.0.0.1", origin), "SDP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=ptime:0", "a=ptime:121", "a=ptime:twenty"})
    void aBadPacketTimeIsMalformed(String ptime) {
        assertMalformed(FFMPEG + ptime + "\r\n", "SDP field does not parse");
    }

    @Test
    void textThatIsNoSdpAtAllIsMalformed() {
        assertMalformed("", "SDP lacks");
        assertMalformed("HTTP/1.1 404 Not Found\r\n\r\n", "SDP lacks");
    }

    @Test
    void theFieldsAreCheckedWhenTheSdpIsMade() {
        assertRefused(() -> new StreamSdp("x", 1, "h", "h", 0, 96, 20), "port");
        assertRefused(() -> new StreamSdp("x", 1, "h", "h", 65536, 96, 20), "port");
        assertRefused(() -> new StreamSdp("x", 1, "h", "h", 1, 95, 20), "dynamic payload type");
        assertRefused(() -> new StreamSdp("x", 1, "h", "h", 1, 128, 20), "dynamic payload type");
        assertRefused(() -> new StreamSdp(" ", 1, "h", "h", 1, 96, 20), "session name");
        assertRefused(() -> new StreamSdp("a\r\nm=video", 1, "h", "h", 1, 96, 20), "session name");
        assertRefused(() -> new StreamSdp("x", 1, "h\r\na=x", "h", 1, 96, 20), "hosts");
        assertRefused(() -> new StreamSdp("x", 1, "h", "", 1, 96, 20), "hosts");
        assertRefused(() -> new StreamSdp("x", 1, "h", "a b", 1, 96, 20), "hosts");
        assertRefused(() -> new StreamSdp("x", 1, "h", null, 1, 96, 20), "hosts");
        assertRefused(() -> new StreamSdp("x", 1, "h", "h", 1, 96, 0), "frame duration");
        assertRefused(() -> new StreamSdp("x", 1, "h", "h", 1, 96, StreamSdp.MAX_FRAME_MILLIS + 1), "frame");
        assertThat(new StreamSdp("x", 1, "h".repeat(253), "h", 65535, 127, StreamSdp.MAX_FRAME_MILLIS)).isNotNull();
        assertRefused(() -> new StreamSdp("x", 1, "h".repeat(254), "h", 1, 96, 20), "hosts");
    }

    private static void assertMalformed(String text, String reason) {
        assertThatThrownBy(() -> StreamSdp.parse(text))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining(reason);
    }

    private static void assertRefused(Runnable make, String reason) {
        assertThatThrownBy(make::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}

package vn.loa.streamer.receiver;

import java.net.InetSocketAddress;
import java.time.Instant;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReportBlock;
import vn.loa.protocol.srtp.SrtcpReceiver;
import vn.loa.protocol.srtp.SrtpKey;

/**
 * One address a stream is sent to: a device latched by its join (it reports and may time out) or a static listener
 * (deviceId null, never times out). Used only on the streamer's event loop.
 */
public final class Receiver {
    private static final double RTP_UNITS_PER_MILLI = 48.0;
    private static final double NTP_SHORT_UNITS_PER_MILLI = 65_536 / 1000.0;

    private final String deviceId;
    private final Instant since;
    private InetSocketAddress address;
    private String token;
    private final long packetsBefore;
    private long lastHeardNanos;
    private Instant lastHeard;
    private double lossShare;
    private long cumulativeLost;
    private double jitterMillis;
    private Double rttMillis;
    private SrtcpReceiver srtcp;

    private Receiver(String deviceId, String token, InetSocketAddress address, Moment added) {
        this.deviceId = deviceId;
        this.token = token;
        this.address = address;
        this.since = added.wall();
        this.packetsBefore = added.streamPacketsSent();
        this.lastHeardNanos = added.nanos();
        this.lastHeard = deviceId == null ? null : added.wall();
    }

    /** Where this receiver's SRTCP is checked, for a stream protected with {@code key}; made on first use. */
    public SrtcpReceiver srtcp(SrtpKey key) {
        if (srtcp == null) {
            srtcp = new SrtcpReceiver(key);
        }
        return srtcp;
    }

    public static Receiver device(String deviceId, String token, InetSocketAddress address, Moment joined) {
        return new Receiver(deviceId, token, address, joined);
    }

    public static Receiver listener(InetSocketAddress address, Moment added) {
        return new Receiver(null, null, address, added);
    }

    public boolean isStaticListener() {
        return deviceId == null;
    }

    public void heard(Moment now) {
        lastHeardNanos = now.nanos();
        lastHeard = now.wall();
    }

    /** Takes loss and jitter from a report block about our stream, and the round trip if it echoes one of our SRs. */
    public void report(ReportBlock block, long nowNtp) {
        lossShare = block.lossShare();
        cumulativeLost = block.cumulativeLost();
        jitterMillis = block.jitter() / RTP_UNITS_PER_MILLI;
        if (block.lastSenderReport() != 0) {
            long units = (NtpTime.middle32(nowNtp) - block.lastSenderReport() - block.delaySinceLastSenderReport())
                    & 0xFFFFFFFFL;
            // Rounding of the 1/65536 s fields can make a loopback round trip come out a hair below zero.
            rttMillis = units > Integer.MAX_VALUE ? 0.0 : units / NTP_SHORT_UNITS_PER_MILLI;
        }
    }

    public boolean silentLongerThan(long timeoutNanos, long nowNanos) {
        return !isStaticListener() && nowNanos - lastHeardNanos > timeoutNanos;
    }

    void moveTo(InetSocketAddress newAddress, String newToken, Moment now) {
        address = newAddress;
        token = newToken;
        heard(now);
    }

    public String deviceId() {
        return deviceId;
    }

    public InetSocketAddress address() {
        return address;
    }

    String token() {
        return token;
    }

    public Instant since() {
        return since;
    }

    /** Every packet of a stream goes to every receiver, so this one got all those sent since it was added. */
    public long packetsSent(long streamPacketsSent) {
        return streamPacketsSent - packetsBefore;
    }

    public Instant lastHeard() {
        return lastHeard;
    }

    public double lossShare() {
        return lossShare;
    }

    public long cumulativeLost() {
        return cumulativeLost;
    }

    public double jitterMillis() {
        return jitterMillis;
    }

    public Double rttMillis() {
        return rttMillis;
    }
}

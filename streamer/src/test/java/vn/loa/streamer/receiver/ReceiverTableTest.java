package vn.loa.streamer.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.receiver.Latch.Outcome;

class ReceiverTableTest {
    private static final long EXPIRES = 2_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 4001);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 4002);
    private static final InetSocketAddress C = new InetSocketAddress("127.0.0.1", 4003);

    private final ReceiverTable table = new ReceiverTable(3);

    private static Moment at(long nanos) {
        return new Moment(nanos, Instant.ofEpochSecond(1_800_000_000L).plusNanos(nanos), 0);
    }

    private Latch latch(String device, String token, InetSocketAddress from) {
        return table.latch(device, token, EXPIRES, from, at(0));
    }

    @Test
    void aFreshTokenLatchesTheSourceAddress() {
        Latch latch = latch("dev-1", "t1", A);
        assertThat(latch.outcome()).isEqualTo(Outcome.JOINED);
        assertThat(latch.receiver().address()).isEqualTo(A);
        assertThat(table.at(A).deviceId()).isEqualTo("dev-1");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void theSameTokenFromTheSameAddressIsARepeat() {
        latch("dev-1", "t1", A);
        assertThat(latch("dev-1", "t1", A).outcome()).isEqualTo(Outcome.REPEATED);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aUsedTokenFromAnotherAddressIsAReplay() {
        latch("dev-1", "t1", A);
        assertThat(latch("dev-1", "t1", B).outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(table.at(B)).isNull();
        assertThat(table.at(A).deviceId()).isEqualTo("dev-1");
    }

    @Test
    void aFreshTokenFromANewAddressMovesTheDevice() {
        latch("dev-1", "t1", A);
        Latch moved = latch("dev-1", "t2", B);
        assertThat(moved.outcome()).isEqualTo(Outcome.MOVED);
        assertThat(table.at(A)).isNull();
        assertThat(table.at(B).deviceId()).isEqualTo("dev-1");
        assertThat(latch("dev-1", "t1", A).outcome()).as("the replaced token").isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void aDeviceJoiningFromAnotherDevicesAddressDisplacesIt() {
        latch("dev-1", "t1", A);
        Latch latch = latch("dev-2", "t2", A);
        assertThat(latch.outcome()).isEqualTo(Outcome.JOINED);
        assertThat(latch.displaced().deviceId()).isEqualTo("dev-1");
        assertThat(table.removeDevice("dev-1")).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aTimedOutDeviceMayRejoinWithItsTokenFromItsAddress() {
        table.latch("dev-1", "t1", EXPIRES, A, at(0));
        assertThat(table.removeSilent(30 * SECOND, 31 * SECOND)).extracting(Receiver::deviceId)
                .containsExactly("dev-1");
        assertThat(table.latch("dev-1", "t1", EXPIRES, A, at(32 * SECOND)).outcome()).isEqualTo(Outcome.JOINED);
    }

    @Test
    void aRemovedDevicesTokenNoLongerLatches() {
        latch("dev-1", "t1", A);
        assertThat(table.removeDevice("dev-1").address()).isEqualTo(A);
        assertThat(latch("dev-1", "t1", A).outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(latch("dev-1", "t2", A).outcome()).isEqualTo(Outcome.JOINED);
    }

    @Test
    void refusesDevicesAndListenersBeyondItsCapacity() {
        latch("dev-1", "t1", A);
        latch("dev-2", "t2", B);
        assertThat(table.addListener(C, at(0))).isNotNull();
        Latch refused = latch("dev-4", "t4", new InetSocketAddress("127.0.0.1", 4004));
        assertThat(refused.outcome()).isEqualTo(Outcome.FULL);
        assertThat(table.addListener(new InetSocketAddress("127.0.0.1", 4005), at(0))).isNull();
        assertThat(latch("dev-1", "t5", A).outcome()).as("a latched device still re-joins").isEqualTo(Outcome.REPEATED);
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void aRefusedTokenStaysUnusedForALaterTry() {
        ReceiverTable one = new ReceiverTable(1);
        one.latch("dev-1", "t1", EXPIRES, A, at(0));
        assertThat(one.latch("dev-2", "t2", EXPIRES, B, at(0)).outcome()).isEqualTo(Outcome.FULL);
        one.removeDevice("dev-1");
        assertThat(one.latch("dev-2", "t2", EXPIRES, B, at(0)).outcome()).isEqualTo(Outcome.JOINED);
    }

    @Test
    void silentDevicesAreRemovedButStaticListenersNeverTimeOut() {
        table.addListener(C, at(0));
        table.latch("dev-1", "t1", EXPIRES, A, at(0));
        table.latch("dev-2", "t2", EXPIRES, B, at(0));
        table.at(B).heard(at(20 * SECOND));
        assertThat(table.removeSilent(30 * SECOND, 40 * SECOND)).extracting(Receiver::deviceId)
                .containsExactly("dev-1");
        assertThat(table.all()).extracting(Receiver::address).containsExactly(C, B);
    }

    @Test
    void staticListenersAreAddedOnceAndRemovedOnlyAsListeners() {
        Receiver listener = table.addListener(C, at(0));
        assertThat(table.addListener(C, at(1))).isSameAs(listener);
        latch("dev-1", "t1", A);
        assertThat(table.removeListener(A)).as("a device is not a listener").isFalse();
        assertThat(table.removeListener(C)).isTrue();
        assertThat(table.removeListener(C)).isFalse();
    }

    @Test
    void expiredTokensAreForgotten() {
        table.latch("dev-1", "t1", 100, A, at(0));
        table.removeDevice("dev-1");
        table.forgetExpiredTokens(101);
        assertThat(table.latch("dev-1", "t1", 100, A, at(0)).outcome())
                .as("verification refuses an expired token before it gets here").isEqualTo(Outcome.JOINED);
    }

    @Test
    void clearingReturnsTheDevicesOnly() {
        table.addListener(C, at(0));
        latch("dev-1", "t1", A);
        assertThat(table.clear()).extracting(Receiver::deviceId).containsExactly("dev-1");
        assertThat(table.size()).isZero();
    }
}

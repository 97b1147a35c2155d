package vn.loa.bench.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Reads the receiver's arrival records (see bench/receiver/rtp_arrivals.c) back in the order they came. */
final class ArrivalLog {
    static final int RECORD_BYTES = 20;
    private static final int RECORDS_PER_READ = 65_536;

    private ArrivalLog() {
    }

    /** Takes the records one by one; {@code receiver} is the index of the receiver the copy went to, or -1. */
    interface Sink {
        void accept(long arrivalEpochNanos, long rtpTimestamp, int sequence, int receiver);
    }

    /** Feeds every record of the file to the sink; returns how many there were. */
    static long replay(Path file, Sink sink) throws IOException {
        long records = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(RECORD_BYTES * RECORDS_PER_READ).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file)) {
            while (channel.read(buffer) > 0) {
                buffer.flip();
                while (buffer.remaining() >= RECORD_BYTES) {
                    long arrivalNanos = buffer.getLong();
                    long rtpTimestamp = buffer.getInt() & 0xFFFFFFFFL;
                    int sequence = buffer.getShort() & 0xFFFF;
                    buffer.getShort();
                    int receiver = LoopbackReceivers.index(buffer.getInt());
                    sink.accept(arrivalNanos, rtpTimestamp, sequence, receiver);
                    records++;
                }
                buffer.compact();
            }
        }
        if (buffer.position() != 0) {
            throw new IOException(file + " ends inside a record: the receiver did not finish writing");
        }
        return records;
    }
}

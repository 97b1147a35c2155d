package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void userAndSystemTicksAreCountedAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (gst (fan) out) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 9 0 12345 "
                + "1000000 500 18446744073709551615";
        assertThat(ProcessCpu.secondsFromStatLine(stat)).isEqualTo(3.25);
    }

    @Test
    void theRunningProcessHasUsedSomeCpu() throws IOException {
        assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isPositive();
    }
}

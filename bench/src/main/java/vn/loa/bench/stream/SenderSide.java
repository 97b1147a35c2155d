package vn.loa.bench.stream;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One sender the benchmark measures: a child process that fans a tone out to the receivers listed in a file
 * and answers "sample" with the datagrams it has sent.
 */
record SenderSide(String key, String label, int frameMillis, Function<Path, List<String>> command) {

    static SenderSide loa(int frameMillis, Path benchJar) {
        return new SenderSide("loa" + frameMillis + "ms", "Loa " + frameMillis + " ms", frameMillis,
                receivers -> List.of("java", "-cp", benchJar.toString(), LoaSenderMain.class.getName(),
                        receivers.toString(), Integer.toString(frameMillis)));
    }

    static SenderSide gstreamer(Path peerScript) {
        return new SenderSide("gstreamer20ms", "GStreamer 20 ms", 20,
                receivers -> List.of("/usr/bin/python3", peerScript.toString(), "--clients-file", receivers.toString(),
                        "--frame-ms", "20"));
    }
}

package vn.loa.bench.support;

import java.util.ArrayList;
import java.util.List;

/** Finds where clicks begin in decoded PCM: the first sample above a threshold after a quiet stretch. */
public final class ClickDetector {
    private ClickDetector() {
    }

    /**
     * @param threshold  absolute sample value a click's onset exceeds (the decoder's noise on silence stays below)
     * @param refractory samples after an onset during which no new click can begin (the click's own ringing)
     * @return sample indices of the onsets, in order
     */
    public static List<Integer> onsets(short[] pcm, int threshold, int refractory) {
        List<Integer> onsets = new ArrayList<>();
        int quietUntil = 0;
        for (int i = 0; i < pcm.length; i++) {
            if (i >= quietUntil && Math.abs(pcm[i]) > threshold) {
                onsets.add(i);
                quietUntil = i + refractory;
            }
        }
        return onsets;
    }
}

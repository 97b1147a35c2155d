package vn.loa.controller.broadcast;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A broadcast on air as it is this moment.
 *
 * @param streams  its streams, main first (a live broadcast's PCM goes to the first)
 * @param targeted speakers its targets reach
 * @param holding  speakers it holds (playing it, or told to)
 * @param waiting  speakers a higher or earlier broadcast holds
 * @param paused   the main playlist is held because nobody hears it
 */
public record LiveFigures(List<String> streams, int targeted, int holding, int waiting, boolean paused) {

    static LiveFigures of(RunningBroadcast b) {
        return new LiveFigures(b.legs.stream().filter(l -> !l.ended).map(l -> l.stream.id()).toList(),
                b.claimed.size(), b.playingOn.size(), b.claimed.size() - b.playingOn.size(),
                b.main().stream.paused());
    }

    static Map<String, LiveFigures> of(Collection<RunningBroadcast> running) {
        Map<String, LiveFigures> figures = new HashMap<>();
        running.forEach(b -> figures.put(b.id(), of(b)));
        return figures;
    }
}

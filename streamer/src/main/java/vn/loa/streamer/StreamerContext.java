package vn.loa.streamer;

import io.netty.channel.Channel;

/** What every stream of one streamer shares: the UDP channel (and its event loop), settings, events and counters. */
record StreamerContext(Channel channel, StreamerSettings settings, StreamEvents events, StreamerCounters counters) {
}

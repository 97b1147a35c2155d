#!/usr/bin/python3
"""The stream benchmark's peer: the same fan-out done by GStreamer.

    audiotestsrc is-live=true ! audio/x-raw,rate=48000,channels=1 ! opusenc frame-size=20 ! rtpopuspay ! multiudpsink

with the encoder set as Loa's live sources are (32 kbit/s, in-band FEC planned for 10 % loss), built through GObject introspection, because gst-launch cannot take 10,000 clients in one argument. Clients come
from a file (one "host port" a line). Talks with the harness on stdin/stdout, one JSON line per request:
"sample" answers {"packetsSent": n} (datagrams handed to the kernel so far: frames x clients), "stop" ends.
"""
import argparse
import json
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402


def build(frame_ms, bitrate, clients):
    pipeline = Gst.parse_launch(
        "audiotestsrc is-live=true wave=sine freq=1000 ! audio/x-raw,rate=48000,channels=1 "
        f"! opusenc frame-size={frame_ms} bitrate={bitrate} inband-fec=true packet-loss-percentage=10 "
        "! rtpopuspay pt=96 ! multiudpsink name=sink")
    sink = pipeline.get_by_name("sink")
    for host, port in clients:
        sink.emit("add", host, port)
    return pipeline, sink


class FrameCounter:
    """Counts the RTP packets reaching multiudpsink; each is sent once to every client."""

    def __init__(self, sink):
        self.frames = 0
        self.lock = threading.Lock()
        sink.get_static_pad("sink").add_probe(Gst.PadProbeType.BUFFER, self.on_buffer)

    def on_buffer(self, pad, info):
        with self.lock:
            self.frames += 1
        return Gst.PadProbeReturn.OK

    def count(self):
        with self.lock:
            return self.frames


def read_clients(path):
    with open(path, encoding="ascii") as f:
        return [(host, int(port)) for host, port in (line.split() for line in f if line.strip())]


def fail_on_bus_error(pipeline):
    message = pipeline.get_bus().pop_filtered(Gst.MessageType.ERROR)
    if message is not None:
        error, debug = message.parse_error()
        sys.stderr.write(f"pipeline error: {error.message} ({debug})\n")
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients-file", required=True)
    parser.add_argument("--frame-ms", type=int, default=20)
    parser.add_argument("--bitrate", type=int, default=32000)
    args = parser.parse_args()
    Gst.init(None)
    clients = read_clients(args.clients_file)
    pipeline, sink = build(args.frame_ms, args.bitrate, clients)
    counter = FrameCounter(sink)
    if pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
        sys.exit("pipeline would not start")
    print(json.dumps({"ready": True, "clients": len(clients)}), flush=True)
    for line in sys.stdin:
        request = line.strip()
        fail_on_bus_error(pipeline)
        if request == "sample":
            print(json.dumps({"packetsSent": counter.count() * len(clients)}), flush=True)
        elif request == "stop":
            break
    pipeline.set_state(Gst.State.NULL)


if __name__ == "__main__":
    main()

// AudioWorklet processor of the live microphone: takes the (mono) input at the context's rate, resamples it to
// 48 kHz when the context runs at another rate, and posts frames of 20 ms as s16le PCM with their peak level.
// Frames go to the port the page hands over (a MessagePort of the worker that owns the WebSocket, mic-sender.js);
// frames made before it arrives are dropped.

const TARGET_RATE = 48000;
const FRAME_SAMPLES = 960; // 20 ms at 48 kHz
const BYTES_PER_SAMPLE = 2;

class PcmFrameProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // Input samples per output sample: 1 when the context runs at 48 kHz.
    this.step = sampleRate / TARGET_RATE;
    // Position of the next output sample, in input samples from the start of the current block; it lies in
    // [-1, 0) when it falls between the previous block's last sample and this block's first.
    this.position = 0;
    this.previousSample = 0;
    this.out = null;
    this.port.onmessage = ({data}) => {
      this.out = data.port;
    };
    this.startFrame();
  }

  startFrame() {
    this.frame = new DataView(new ArrayBuffer(FRAME_SAMPLES * BYTES_PER_SAMPLE));
    this.filled = 0;
    this.peak = 0;
  }

  process(inputs) {
    const channel = inputs[0][0];
    if (channel) {
      if (this.step === 1) {
        for (let i = 0; i < channel.length; i++) {
          this.append(channel[i]);
        }
      } else {
        this.resample(channel);
      }
    }
    return true;
  }

  /** Linear interpolation, carrying the fractional position and the last sample across blocks. */
  resample(block) {
    const last = block.length - 1;
    let position = this.position;
    while (position < last) {
      const index = Math.floor(position);
      const before = index < 0 ? this.previousSample : block[index];
      this.append(before + (block[index + 1] - before) * (position - index));
      position += this.step;
    }
    this.position = position - block.length;
    this.previousSample = block[last];
  }

  append(sample) {
    const clipped = Math.max(-1, Math.min(1, sample));
    this.peak = Math.max(this.peak, Math.abs(clipped));
    this.frame.setInt16(this.filled * BYTES_PER_SAMPLE, clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff, true);
    this.filled++;
    if (this.filled === FRAME_SAMPLES) {
      const pcm = this.frame.buffer;
      this.out?.postMessage({pcm, peak: this.peak}, [pcm]);
      this.startFrame();
    }
  }
}

registerProcessor('loa-pcm-frames', PcmFrameProcessor);

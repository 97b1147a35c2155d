// The browser microphone as a live source: getUserMedia → AudioWorklet (pcm-worklet.js: 48 kHz, 20 ms frames of
// s16le mono) → binary messages on the WebSocket /api/streams/{streamId}/live (the session cookie signs it in).
// For every frame handed to the socket it dispatches `loa:mic-frame` on window with {peak, sentAt}: sentAt is
// epoch milliseconds, from which the live benchmark measures latency.

const SAMPLE_RATE = 48000;
const WORKLET_URL = new URL('./pcm-worklet.js', import.meta.url);
const PROCESSOR_NAME = 'loa-pcm-frames';
const NORMAL_CLOSURE = 1000;

/**
 * Why the microphone could not start or stopped. `reason`: 'permission' (refused by the user), 'no-device',
 * 'unsupported' (no getUserMedia or AudioWorklet, e.g. outside a secure origin), 'socket' (the server refused
 * the connection), 'closed' (the server closed it while live).
 */
export class MicrophoneError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'MicrophoneError';
    this.reason = reason;
  }
}

/**
 * Starts feeding the live stream from the microphone.
 * @param {{streamId: string, onLevel?: (peak: number) => void, onEnd?: (error: MicrophoneError) => void}} options
 *   onLevel gets each frame's peak (0..1); onEnd is called once if the server closes the socket before stop().
 * @returns {Promise<{stop: () => void}>}
 */
export async function startMicrophone({streamId, onLevel = () => {}, onEnd = () => {}}) {
  if (!navigator.mediaDevices?.getUserMedia || !window.AudioWorkletNode) {
    throw new MicrophoneError('unsupported', 'this browser cannot capture audio (a secure origin is required)');
  }
  const media = await openMicrophone();
  const parts = {media};
  try {
    parts.context = await openAudioContext();
    parts.socket = await openSocket(streamId);
  } catch (error) {
    release(parts);
    throw error;
  }
  return wire(parts, onLevel, onEnd);
}

/**
 * True when the user already refused this page the microphone, so a caller can say so before it starts anything.
 * False when allowed, not asked yet, or the browser cannot tell.
 */
export async function microphoneRefused() {
  try {
    return (await navigator.permissions.query({name: 'microphone'})).state === 'denied';
  } catch {
    return false;
  }
}

async function openMicrophone() {
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: {channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false},
    });
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') {
      throw new MicrophoneError('permission', 'microphone permission was refused');
    }
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') {
      throw new MicrophoneError('no-device', 'no microphone was found');
    }
    throw new MicrophoneError('no-device', `the microphone could not be opened: ${error.message}`);
  }
}

/** A context at 48 kHz where the browser allows it; otherwise at its own rate, and the worklet resamples. */
async function openAudioContext() {
  let context;
  try {
    context = new AudioContext({sampleRate: SAMPLE_RATE, latencyHint: 'interactive'});
  } catch {
    context = new AudioContext({latencyHint: 'interactive'});
  }
  try {
    await context.audioWorklet.addModule(WORKLET_URL);
    await context.resume();
  } catch (error) {
    context.close();
    throw new MicrophoneError('unsupported', `the audio worklet could not start: ${error.message}`);
  }
  return context;
}

function openSocket(streamId) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/streams/${encodeURIComponent(streamId)}/live`);
  socket.binaryType = 'arraybuffer';
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(socket);
    socket.onclose = (event) => reject(new MicrophoneError('socket',
        `the server refused the microphone${event.reason ? `: ${event.reason}` : ''} (code ${event.code})`));
  });
}

function wire(parts, onLevel, onEnd) {
  const {context, socket} = parts;
  const source = context.createMediaStreamSource(parts.media);
  // Explicit mono: a stereo microphone is mixed down before the worklet sees it.
  const frames = new AudioWorkletNode(context, PROCESSOR_NAME,
      {numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit'});
  frames.port.onmessage = ({data}) => {
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(data.pcm);
      const sentAt = performance.timeOrigin + performance.now();
      window.dispatchEvent(new CustomEvent('loa:mic-frame', {detail: {peak: data.peak, sentAt}}));
    }
    onLevel(data.peak);
  };
  source.connect(frames);
  // The worklet writes silence; being connected to the destination keeps the graph pulling it.
  frames.connect(context.destination);

  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    frames.port.onmessage = null;
    source.disconnect();
    frames.disconnect();
    release(parts);
  };
  socket.onclose = (event) => {
    if (!stopped) {
      stop();
      onEnd(new MicrophoneError('closed', event.reason || `the connection closed (code ${event.code})`));
    }
  };
  return {stop};
}

function release({media, context, socket}) {
  media.getTracks().forEach((track) => track.stop());
  context?.close();
  if (socket && socket.readyState <= WebSocket.OPEN) {
    socket.close(NORMAL_CLOSURE);
  }
}

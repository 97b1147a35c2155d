// The browser microphone as a live source: getUserMedia → AudioWorklet (pcm-worklet.js: 48 kHz, 20 ms frames of
// s16le mono) → a dedicated worker (mic-sender.js) that sends them as binary messages on the WebSocket
// /api/streams/{streamId}/live (the session cookie signs it in); frames go from the worklet to the worker directly,
// never through this page's busy main thread. For every frame handed to the socket it dispatches `loa:mic-frame`
// on window with {peak, sentAt}: sentAt is epoch milliseconds, from which the live benchmark measures latency.

const SAMPLE_RATE = 48000;
const WORKLET_URL = new URL('./pcm-worklet.js', import.meta.url);
const SENDER_URL = new URL('./mic-sender.js', import.meta.url);
const PROCESSOR_NAME = 'loa-pcm-frames';

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
    parts.sender = await openSender(streamId, parts);
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

/** The worker owning the socket, once the server accepted it; `parts.toSender` is the worklet's end of its port. */
function openSender(streamId, parts) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/api/streams/${encodeURIComponent(streamId)}/live`;
  const sender = new Worker(SENDER_URL);
  const channel = new MessageChannel();
  parts.toSender = channel.port1;
  sender.postMessage({type: 'open', url, frames: channel.port2}, [channel.port2]);
  return new Promise((resolve, reject) => {
    sender.onmessage = ({data}) => {
      if (data.type === 'open') {
        resolve(sender);
      } else if (data.type === 'closed') {
        sender.terminate();
        reject(new MicrophoneError('socket',
            `the server refused the microphone${data.reason ? `: ${data.reason}` : ''} (code ${data.code})`));
      }
    };
  });
}

function wire(parts, onLevel, onEnd) {
  const {context, sender} = parts;
  const source = context.createMediaStreamSource(parts.media);
  // Explicit mono: a stereo microphone is mixed down before the worklet sees it.
  const frames = new AudioWorkletNode(context, PROCESSOR_NAME,
      {numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit'});
  frames.port.postMessage({port: parts.toSender}, [parts.toSender]);
  source.connect(frames);
  // The worklet writes silence; being connected to the destination keeps the graph pulling it.
  frames.connect(context.destination);

  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    sender.onmessage = null;
    source.disconnect();
    frames.disconnect();
    release(parts);
  };
  sender.onmessage = ({data}) => {
    if (data.type === 'frame') {
      if (data.sentAt !== null) {
        window.dispatchEvent(new CustomEvent('loa:mic-frame', {detail: {peak: data.peak, sentAt: data.sentAt}}));
      }
      onLevel(data.peak);
    } else if (data.type === 'closed') {
      stop();
      onEnd(new MicrophoneError('closed', data.reason || `the connection closed (code ${data.code})`));
    }
  };
  return {stop};
}

function release({media, context, sender}) {
  media.getTracks().forEach((track) => track.stop());
  context?.close();
  // The worker closes the socket with a normal closure, then ends itself.
  sender?.postMessage({type: 'close'});
}

// Dedicated worker of the live microphone: owns the WebSocket /api/streams/{id}/live and sends each frame the
// audio worklet posts on the MessagePort it was handed, so a busy page (rendering, charts, requests) never holds
// live audio back. Tells the page of every frame sent ({type: 'frame', peak, sentAt}) and of the socket opening
// and closing.

const NORMAL_CLOSURE = 1000;
let socket = null;

self.onmessage = ({data}) => {
  if (data.type === 'open') {
    open(data.url, data.frames);
  } else if (data.type === 'close') {
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(NORMAL_CLOSURE);
    }
    self.close();
  }
};

function open(url, frames) {
  socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => self.postMessage({type: 'open'});
  socket.onclose = (event) => self.postMessage({type: 'closed', code: event.code, reason: event.reason});
  frames.onmessage = ({data}) => {
    if (socket.readyState !== WebSocket.OPEN) {
      self.postMessage({type: 'frame', peak: data.peak, sentAt: null});
      return;
    }
    socket.send(data.pcm);
    self.postMessage({type: 'frame', peak: data.peak, sentAt: performance.timeOrigin + performance.now()});
  };
}

// The live feed (/api/events, Server-Sent Events) shared by every page through one EventSource. The server sends
// `ready` first on every connection: a page reloads what it shows then, since events are not replayed.
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30000;

const handlers = new Map(); // type -> Set of handlers
const statusListeners = new Set();
let source = null;
let retryMs = RETRY_MIN_MS;
let retryTimer = null;
let wanted = false;
/** 'offline' (not connected, not trying), 'connecting', 'open', 'reconnecting'. */
let status = 'offline';

function setStatus(next) {
  if (next !== status) {
    status = next;
    statusListeners.forEach((listener) => listener(next));
  }
}

function dispatch(type, message) {
  let data = {};
  try {
    data = message.data ? JSON.parse(message.data) : {};
  } catch {
    return; // not ours to show; the server only sends JSON
  }
  handlers.get(type)?.forEach((handler) => {
    try {
      handler(data, type);
    } catch (error) {
      console.error(`handler of ${type} failed`, error);
    }
  });
}

function listen(type) {
  source?.addEventListener(type, (message) => dispatch(type, message));
}

function open() {
  clearTimeout(retryTimer);
  retryTimer = null;
  setStatus(status === 'offline' ? 'connecting' : 'reconnecting');
  source = new EventSource('/api/events', {withCredentials: true});
  source.addEventListener('open', () => {
    retryMs = RETRY_MIN_MS;
    setStatus('open');
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      // refused (signed out, server restarting): the browser gave up, so try again later ourselves
      source = null;
      setStatus('reconnecting');
      retryTimer = setTimeout(() => wanted && open(), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    } else {
      setStatus('reconnecting'); // the browser reconnects by itself
    }
  });
  handlers.forEach((set, type) => listen(type));
}

export const events = {
  /** Calls handler(data, type) for each event of `type`; returns the function that stops it. */
  on(type, handler) {
    if (!handlers.has(type)) {
      handlers.set(type, new Set());
      listen(type);
    }
    handlers.get(type).add(handler);
    this.connect();
    return () => handlers.get(type)?.delete(handler);
  },

  connect() {
    wanted = true;
    if (!source && !retryTimer) {
      open();
    }
  },

  /** Closes the feed (sign-out). */
  disconnect() {
    wanted = false;
    clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    retryMs = RETRY_MIN_MS;
    setStatus('offline');
  },

  get status() {
    return status;
  },

  /** Calls listener(status) on every change of the connection; returns the function that stops it. */
  onStatus(listener) {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  },
};

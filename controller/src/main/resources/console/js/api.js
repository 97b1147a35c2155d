// The HTTP API as the console uses it. The session is the HttpOnly cookie the server set at login: the page never
// sees the token. Unsafe requests carry the CSRF token of the session. Every failure is an ApiError whose message
// is the server's own ("media 12 is not approved"), ready for the error banner.
import {translations} from './i18n.js';

const t = translations({
  vi: {network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', badResponse: 'Máy chủ trả lời không hợp lệ ({status}).'},
  en: {network: 'Cannot reach the server. Check the network and try again.', badResponse: 'Invalid answer from the server ({status}).'},
});

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Where a 401 is an answer, not an expired session. */
const SESSION_PATHS = new Set(['/api/login', '/api/me']);
export const UNAUTHORIZED_EVENT = 'loa:unauthorized';

export class ApiError extends Error {
  constructor(status, message, detail = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
  }
}

let csrfToken = null;
let csrfRefresh = null;

/** The session's CSRF token (from /api/login or /api/me); session.js keeps it current. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** path + query string; null, undefined and '' parameters are left out, arrays repeat the name. */
function buildUrl(path, params) {
  const query = new URLSearchParams();
  Object.entries(params || {}).forEach(([name, value]) => {
    (Array.isArray(value) ? value : [value])
      .filter((v) => v !== null && v !== undefined && v !== '')
      .forEach((v) => query.append(name, String(v)));
  });
  const text = query.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function request(method, path, {params, body} = {}, retried = false) {
  const headers = {Accept: 'application/json'};
  const init = {method, headers, credentials: 'same-origin'};
  if (body !== undefined) {
    if (body instanceof FormData || body instanceof Blob) {
      init.body = body; // the browser sets the type: multipart with its boundary, or the Blob's own (text/csv)
    } else {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  if (UNSAFE_METHODS.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(buildUrl(path, params), init);
  } catch {
    throw new ApiError(0, t('network'));
  }
  const payload = await readBody(response);
  if (response.ok) {
    return payload;
  }
  const error = toError(response.status, payload);
  if (!retried && isCsrfRefusal(error) && await refreshCsrfToken()) {
    return request(method, path, {params, body}, true);
  }
  signalUnauthorized(error, path);
  throw error;
}

async function readBody(response) {
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  if (!text) {
    return null;
  }
  if ((response.headers.get('Content-Type') || '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError(response.status, t('badResponse', {status: response.status}));
    }
  }
  return text;
}

function toError(status, payload) {
  if (payload && typeof payload === 'object' && payload.error) {
    return new ApiError(status, payload.error, payload.detail ?? null);
  }
  return new ApiError(status, t('badResponse', {status}));
}

function isCsrfRefusal(error) {
  return error.status === 403 && /csrf/i.test(error.message);
}

/** After the server rotated the token (a new session in another tab), one fresh read of /api/me repairs it. */
function refreshCsrfToken() {
  csrfRefresh ??= fetch('/api/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then((r) => (r.ok ? r.json() : null))
    .then((me) => {
      setCsrfToken(me?.csrfToken);
      return Boolean(me?.csrfToken);
    })
    .catch(() => false)
    .finally(() => {
      csrfRefresh = null;
    });
  return csrfRefresh;
}

function signalUnauthorized(error, path) {
  if (error.status === 401 && !SESSION_PATHS.has(path)) {
    window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
  }
}

/** A multipart upload with progress: onProgress(fraction 0..1) while the body goes up. */
function upload(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) {
      xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    }
    if (onProgress) {
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) {
          onProgress(e.loaded / e.total);
        }
      });
    }
    xhr.addEventListener('error', () => reject(new ApiError(0, t('network'))));
    xhr.addEventListener('load', () => {
      let payload = null;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(payload);
        return;
      }
      const error = toError(xhr.status, payload);
      signalUnauthorized(error, path);
      reject(error);
    });
    xhr.send(formData);
  });
}

export const api = {
  get: (path, params) => request('GET', path, {params}),
  post: (path, body) => request('POST', path, {body}),
  put: (path, body) => request('PUT', path, {body}),
  patch: (path, body) => request('PATCH', path, {body}),
  del: (path) => request('DELETE', path),
  upload,
  /** A link for a download (CSV): the cookie session authenticates it. */
  csvUrl: (path, params) => buildUrl(path, params),
};

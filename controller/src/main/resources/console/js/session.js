// Who is signed in. The server's session cookie is the truth; this is what /api/me said about it.
import {api, setCsrfToken} from './api.js';
import {translations} from './i18n.js';

const t = translations({
  vi: {viewer: 'Người xem', operator: 'Vận hành', editor: 'Biên tập', approver: 'Phê duyệt', admin: 'Quản trị'},
  en: {viewer: 'Viewer', operator: 'Operator', editor: 'Editor', approver: 'Approver', admin: 'Administrator'},
});

/** Roles from least to most rights; each includes the rights of those before it. */
export const ROLES = ['viewer', 'operator', 'editor', 'approver', 'admin'];

const listeners = new Set();

/** The translated name of a role. */
export function roleLabel(role) {
  return t(role);
}

export const session = {
  /** {username, role, areaId, areaName, displayName} or null when signed out. */
  user: null,

  /** The root of the user's area scope; null = the whole installation. */
  get scopeAreaId() {
    return this.user?.areaId ?? null;
  },

  /** True when the signed-in user's role is at least `role`. */
  can(role) {
    if (!this.user) {
      return false;
    }
    const needed = ROLES.indexOf(role);
    if (needed < 0) {
      throw new Error(`unknown role ${role}`);
    }
    return ROLES.indexOf(this.user.role) >= needed;
  },

  /** Reads the session from the server; resolves to the user, or null when not signed in. */
  async load() {
    try {
      const me = await api.get('/api/me');
      setUser(me, me.csrfToken);
    } catch (error) {
      if (error.status !== 401) {
        throw error;
      }
      setUser(null, null);
    }
    return this.user;
  },

  async login(username, password) {
    const answer = await api.post('/api/login', {username, password});
    setUser(answer.user, answer.csrfToken);
    return this.user;
  },

  async logout() {
    try {
      await api.post('/api/logout');
    } finally {
      setUser(null, null);
    }
  },

  /** The server said the session is gone (expired, closed by an admin). */
  expired() {
    setUser(null, null);
  },

  /** Calls listener(user) whenever the user changes; returns the function that stops it. */
  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function setUser(user, csrfToken) {
  session.user = user
    ? {username: user.username, role: user.role, areaId: user.areaId ?? null, areaName: user.areaName ?? null,
      displayName: user.displayName ?? null}
    : null;
  setCsrfToken(csrfToken);
  listeners.forEach((listener) => listener(session.user));
}

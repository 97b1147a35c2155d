// The console's pages: hash route #/<name>[/<param>...][?query] shows <loa-page-<name>> from pages/<name>.js,
// imported the first time it is needed. `role` is the least role that may open the page; the nav shows only those
// the user may open (the API enforces the same rights: hiding is a courtesy, not the protection).
export const ROUTES = [
  {name: 'dashboard', role: 'viewer'},
  {name: 'speakers', role: 'viewer'},
  {name: 'media', role: 'viewer'},
  {name: 'schedules', role: 'viewer'},
  {name: 'live', role: 'operator'},
  {name: 'broadcasts', role: 'viewer'},
  {name: 'reports', role: 'viewer'},
  {name: 'audit', role: 'approver'},
  {name: 'users', role: 'admin'},
];

export const LOGIN_ROUTE = {name: 'login', role: null};
export const HOME = 'dashboard';

/** Imports a page's module; the static paths let the server-side test check that every file exists. */
export const PAGE_MODULES = {
  login: () => import('./pages/login.js'),
  dashboard: () => import('./pages/dashboard.js'),
  speakers: () => import('./pages/speakers.js'),
  media: () => import('./pages/media.js'),
  schedules: () => import('./pages/schedules.js'),
  live: () => import('./pages/live.js'),
  broadcasts: () => import('./pages/broadcasts.js'),
  reports: () => import('./pages/reports.js'),
  audit: () => import('./pages/audit.js'),
  users: () => import('./pages/users.js'),
};

/**
 * '#/speakers/abc?area=3' → {name: 'speakers', params: ['abc'], query: URLSearchParams('area=3')}.
 * An empty hash is the home page.
 */
export function parseHash(hash) {
  const [path, queryText = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [name = '', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {name: name || HOME, params, query: new URLSearchParams(queryText)};
}

/** The hash for a page: hashFor('speakers', ['abc'], {area: 3}) → '#/speakers/abc?area=3' (empty values left out). */
export function hashFor(name, params = [], query = {}) {
  const path = [name, ...params].map((p) => encodeURIComponent(p)).join('/');
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== ''))
    .toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

/** Goes to a page (adds a history entry, so Back works). */
export function navigate(name, params = [], query = {}) {
  window.location.hash = hashFor(name, params, query);
}

/** Shows other filters of the same page in the address (for Back, bookmarks and reloads) without reopening it. */
export function replaceQuery(name, params = [], query = {}) {
  window.history.replaceState(window.history.state, '', hashFor(name, params, query));
}

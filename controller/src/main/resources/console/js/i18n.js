// Languages of the console: Vietnamese (default) and English. Each module keeps its own strings:
//   const t = translations({vi: {hello: 'Xin chào {name}'}, en: {hello: 'Hello {name}'}});
//   t('hello', {name: 'Lan'})
// Dates and times are shown in the stations' zone, whatever the browser's.

export const LANGUAGES = ['vi', 'en'];
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const STORAGE_KEY = 'loa.language';
const LOCALES = {vi: 'vi-VN', en: 'en-GB'};

let language = readStoredLanguage();
const listeners = new Set();
document.documentElement.lang = language;

function readStoredLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

export function currentLanguage() {
  return language;
}

/** Switches the language, remembers it in this browser and re-renders every console element. */
export function setLanguage(next) {
  if (!LANGUAGES.includes(next)) {
    throw new Error(`unknown language ${next}`);
  }
  if (next === language) {
    return;
  }
  language = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  formatters.clear();
  listeners.forEach((listener) => listener(next));
}

/** Calls listener(language) after every switch; returns the function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A translate function over one module's strings; a missing English string falls back to the Vietnamese one. */
export function translations(strings) {
  return (key, params) => {
    const text = strings[language]?.[key] ?? strings.vi?.[key] ?? key;
    return params ? interpolate(text, params) : text;
  };
}

function interpolate(text, params) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const formatters = new Map();

function formatter(kind, options, make) {
  const key = `${kind}:${JSON.stringify(options)}`;
  if (!formatters.has(key)) {
    formatters.set(key, make(LOCALES[language], options));
  }
  return formatters.get(key);
}

function dateFormatter(options) {
  return formatter('date', options, (locale, o) => new Intl.DateTimeFormat(locale, {timeZone: TIME_ZONE, ...o}));
}

function toDate(instant) {
  if (instant === null || instant === undefined || instant === '') {
    return null;
  }
  const date = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 22/11/2026 */
export function formatDate(instant) {
  const date = toDate(instant);
  return date ? dateFormatter({day: '2-digit', month: '2-digit', year: 'numeric'}).format(date) : '—';
}

/** 22/11/2026 14:05 */
export function formatDateTime(instant) {
  const date = toDate(instant);
  return date
    ? dateFormatter({day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
      hourCycle: 'h23'}).format(date)
    : '—';
}

/** 14:05:09 */
export function formatTime(instant) {
  const date = toDate(instant);
  return date ? dateFormatter({hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'}).format(date)
    : '—';
}

export function formatNumber(value, options = {}) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) {
    return '—';
  }
  return formatter('number', options, (locale, o) => new Intl.NumberFormat(locale, o)).format(value);
}

const DURATION_UNITS = {
  vi: {h: 'giờ', m: 'phút', s: 'giây'},
  en: {h: 'h', m: 'min', s: 's'},
};

/** 3725 → "1 giờ 2 phút 5 giây" / "1 h 2 min 5 s"; whole seconds, zero parts left out. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) {
    return '—';
  }
  const total = Math.max(0, Math.round(Number(seconds)));
  const parts = [[Math.floor(total / 3600), 'h'], [Math.floor(total / 60) % 60, 'm'], [total % 60, 's']];
  const units = DURATION_UNITS[language];
  const shown = parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount} ${units[unit]}`);
  return shown.length ? shown.join(' ') : `0 ${units.s}`;
}

// Calendar dates of the stations' zone as plain 'YYYY-MM-DD' strings: the week calendar and the schedule form work
// in the wall-clock days the server schedules in, whatever zone the browser is in.
import {TIME_ZONE} from '../i18n.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = new Intl.DateTimeFormat('en-CA', {timeZone: TIME_ZONE, year: 'numeric', month: '2-digit',
  day: '2-digit'});

/** Today in the stations' zone. */
export function today() {
  return ISO_DATE.format(new Date());
}

export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week holding `date` (people here read a week from Monday). */
export function mondayOf(date) {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The seven dates of the week starting `monday`. */
export function weekOf(monday) {
  return Array.from({length: 7}, (_, i) => addDays(monday, i));
}

/**
 * The instant a day starts in the stations' zone, as the API's from/to take it. Vietnam keeps +07:00 all year (no
 * daylight saving), so today's offset holds for every day shown.
 */
export function startOfDay(date) {
  return new Date(`${date}T00:00:00${zoneOffset()}`).toISOString();
}

const OFFSET_NAME = new Intl.DateTimeFormat('en-US', {timeZone: TIME_ZONE, timeZoneName: 'longOffset'});

/** '+07:00' ('GMT+07:00' as Intl names it; plain 'GMT' is UTC). */
function zoneOffset() {
  const name = OFFSET_NAME.formatToParts(new Date()).find((part) => part.type === 'timeZoneName').value;
  return name === 'GMT' ? 'Z' : name.slice('GMT'.length);
}

/** '2026-11-23T06:30+07:00' → {date: '2026-11-23', minutes: 390}: the wall clock the server wrote. */
export function wallClock(offsetDateTime) {
  const [date, rest] = offsetDateTime.split('T');
  const [hours, minutes] = rest.slice(0, 5).split(':').map(Number);
  return {date, minutes: hours * 60 + minutes};
}

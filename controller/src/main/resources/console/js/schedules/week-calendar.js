// <loa-week-calendar>: seven day columns (Monday first) with each occurrence placed by its time of day and sized by
// its length. `days` are the week's dates, `entries` [{schedule, start, end}] with the server's offset times.
// Clicking an occurrence fires `open` with {schedule}.
//
// Test ids: week-calendar (the grid, set by the page), calendar-day (data-date), calendar-entry (data-schedule-id).
import {html} from 'lit';
import {ref} from 'lit/directives/ref.js';
import {translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {today, wallClock} from './week-dates.js';

const t = translations({
  vi: {days: 'Thứ Hai,Thứ Ba,Thứ Tư,Thứ Năm,Thứ Sáu,Thứ Bảy,Chủ Nhật', empty: 'Tuần này không có lịch phát.'},
  en: {days: 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday', empty: 'Nothing scheduled this week.'},
});

const MINUTES_PER_DAY = 24 * 60;
const HOUR_MARKS = [0, 6, 12, 18];

/** Sets inline styles through the CSSOM: the CSP refuses style attributes, which styleMap writes on first render. */
const styled = (styles) => ref((element) => element && Object.assign(element.style, styles));

class WeekCalendar extends LoaElement {
  static properties = {days: {attribute: false}, entries: {attribute: false}};

  constructor() {
    super();
    this.days = [];
    this.entries = [];
  }

  /** Entries of one date, clipped to that day (a programme running past midnight is shown on the day it starts). */
  entriesOn(date) {
    return this.entries
      .map((entry) => ({entry, start: wallClock(entry.start), end: wallClock(entry.end)}))
      .filter(({start}) => start.date === date)
      .map(({entry, start, end}) => ({entry, from: start.minutes,
        to: end.date === date ? end.minutes : MINUTES_PER_DAY}));
  }

  render() {
    const names = t('days').split(',');
    const now = today();
    return html`<div class="week-grid">
      <div class="week-hours">${HOUR_MARKS.map((hour) => html`<span class="hour-mark"
        ${styled({top: `${(hour / 24) * 100}%`})}>${String(hour).padStart(2, '0')}:00</span>`)}</div>
      ${this.days.map((date, i) => html`<div class="week-day ${date === now ? 'today' : ''}" data-testid="calendar-day"
          data-date=${date}>
        <div class="week-day-name">${names[i]}<br><span class="muted">${dayMonth(date)}</span></div>
        <div class="week-day-body">${this.entriesOn(date).map(({entry, from, to}) => html`<button type="button"
          class="calendar-entry priority-${entry.schedule.priority}" data-testid="calendar-entry"
          data-schedule-id=${entry.schedule.id} title="${entry.start.slice(11, 16)} ${entry.schedule.name}"
          ${styled({top: `${(from / MINUTES_PER_DAY) * 100}%`,
            height: `${((to - from) / MINUTES_PER_DAY) * 100}%`})}
          @click=${() => this.dispatchEvent(new CustomEvent('open', {detail: {schedule: entry.schedule},
            bubbles: true}))}>
          <span class="entry-time">${entry.start.slice(11, 16)}</span> ${entry.schedule.name}</button>`)}
        </div></div>`)}
    </div>
    ${this.entries.length ? '' : html`<p class="muted">${t('empty')}</p>`}`;
  }
}
customElements.define('loa-week-calendar', WeekCalendar);

/** '2026-11-23' → '23/11', as both languages write it. */
function dayMonth(date) {
  const [, month, day] = date.split('-');
  return `${day}/${month}`;
}

// Schedules page: the week calendar of an area (previous/next week, area filter), the list of programmes with their
// rules in plain words, and the create/edit form (schedules/schedule-form.js) for operators and above.
//
// Test ids: schedule-area (area filter), week-prev, week-today, week-next, week-label, week-calendar,
// schedule-new, schedule-item (data-schedule-id), schedule-edit, schedule-delete; the form's in schedule-form.js.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {priorityWord} from '../broadcasts/broadcast-words.js';
import {currentLanguage, formatDate, formatDateTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import '../schedules/schedule-form.js';
import '../schedules/week-calendar.js';
import {addDays, mondayOf, startOfDay, today, weekOf} from '../schedules/week-dates.js';
import {session} from '../session.js';
import {MAX_PAGE, areaNames, confirmAction, showToast} from '../ui.js';
import {usePageStyles} from './page-styles.js';

const t = translations({
  vi: {
    title: 'Lịch phát', area: 'Khu vực', newSchedule: '+ Lịch phát mới', previous: '‹ Tuần trước', thisWeek: 'Tuần này',
    next: 'Tuần sau ›', week: 'Tuần {from} – {to}', list: 'Các chương trình', empty: 'Chưa có lịch phát nào.',
    loading: 'Đang tải…', edit: 'Sửa', delete: 'Xoá', deleteTitle: 'Xoá lịch «{name}»?',
    deleteMessage: 'Lịch sẽ không phát nữa; nếu đang phát, buổi phát dừng ngay.', deleted: 'Đã xoá lịch.',
    saved: 'Đã lưu lịch «{name}».', disabled: 'Đang tắt',
    unapproved: 'Bản tin đã bị rút, sẽ không phát',
    unapprovedHint: 'Một bản tin của lịch không còn được duyệt: lần phát tới sẽ bị từ chối. Hãy chọn bản tin khác.',
    nextAt: 'Lần tới: {at}', noNext: 'Không còn lần phát nào',
    targets: '{areas} khu vực, {groups} nhóm, {devices} loa',
    relay: 'Tiếp sóng {url}', playlist: '{count} bản tin',
  },
  en: {
    title: 'Schedules', area: 'Area', newSchedule: '+ New schedule', previous: '‹ Previous week', thisWeek: 'This week',
    next: 'Next week ›', week: 'Week {from} – {to}', list: 'Programmes', empty: 'No schedules yet.',
    loading: 'Loading…', edit: 'Edit', delete: 'Delete', deleteTitle: 'Delete the schedule “{name}”?',
    deleteMessage: 'It will not play again; if it is playing now, it stops at once.', deleted: 'Schedule deleted.',
    saved: 'Schedule “{name}” saved.', disabled: 'Disabled',
    unapproved: 'Content withdrawn, will not play',
    unapprovedHint: 'An item of this schedule is no longer approved: its next occurrence will be refused. Pick another.',
    nextAt: 'Next: {at}', noNext: 'No more occurrences',
    targets: '{areas} areas, {groups} groups, {devices} speakers',
    relay: 'Relay {url}', playlist: '{count} bulletins',
  },
});

class SchedulesPage extends LoaElement {
  static properties = {
    area: {state: true},
    monday: {state: true},
    schedules: {state: true},
    entries: {state: true},
    media: {state: true},
    library: {state: true},
    editing: {state: true},
    error: {state: true},
    areaNamesById: {state: true},
  };

  constructor() {
    super();
    this.area = null;
    this.monday = mondayOf(today());
    this.schedules = null;
    this.entries = [];
    this.media = []; // approved items: what a schedule may be given
    this.library = []; // every item the user sees: the titles of what schedules list, withdrawn ones too
    this.areaNamesById = new Map();
    this.editing = null; // null: no form; {schedule: null}: a new one; {schedule}: that one
  }

  connectedCallback() {
    super.connectedCallback();
    usePageStyles('schedules');
    this.load();
    api.get('/api/media', {limit: MAX_PAGE}).then((page) => {
      this.library = page.items;
      this.media = page.items.filter((m) => m.approval === 'approved');
    }, (error) => {
      this.error = error;
    });
    areaNames().then((names) => {
      this.areaNamesById = names;
    }, (error) => {
      this.error = error;
    });
  }

  async load() {
    try {
      const page = await api.get('/api/schedules', {area: this.area, limit: MAX_PAGE});
      this.schedules = page.items;
      await this.loadWeek();
    } catch (error) {
      this.error = error;
    }
  }

  /** Every occurrence of the shown week, read per schedule (each answers with its own windows). */
  async loadWeek() {
    const from = startOfDay(this.monday);
    const to = startOfDay(addDays(this.monday, 7));
    const enabled = (this.schedules ?? []).filter((s) => s.enabled);
    const lists = await Promise.all(enabled.map((schedule) => api.get(`/api/schedules/${schedule.id}/occurrences`,
      {from, to}).then((occurrences) => occurrences.map((o) => ({schedule, start: o.start, end: o.end})))));
    this.entries = lists.flat().sort((a, b) => a.start.localeCompare(b.start));
  }

  showWeek(monday) {
    this.monday = monday;
    this.loadWeek().catch((error) => {
      this.error = error;
    });
  }

  chooseArea(area) {
    this.area = area;
    this.load();
  }

  edit(schedule) {
    if (session.can('operator')) {
      this.editing = {schedule};
      this.updateComplete.then(() => this.querySelector('loa-schedule-form')?.scrollIntoView({block: 'start'}));
    }
  }

  saved(schedule) {
    this.editing = null;
    showToast(t('saved', {name: schedule.name}));
    this.load();
  }

  async deleteSchedule(schedule) {
    if (!await confirmAction({title: t('deleteTitle', {name: schedule.name}), message: t('deleteMessage'),
      confirmLabel: t('delete'), danger: true})) {
      return;
    }
    try {
      await api.del(`/api/schedules/${schedule.id}`);
      showToast(t('deleted'));
      if (this.editing?.schedule?.id === schedule.id) {
        this.editing = null;
      }
      this.load();
    } catch (error) {
      this.error = error;
    }
  }

  render() {
    const days = weekOf(this.monday);
    const operator = session.can('operator');
    return html`<section data-page="schedules" class="page schedules-page">
      <header class="page-header">
        <h1>${t('title')}</h1>
        ${operator ? html`<button type="button" class="primary" data-testid="schedule-new"
          @click=${() => this.edit(null)}>${t('newSchedule')}</button>` : nothing}
      </header>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      ${this.editing ? html`<loa-schedule-form .schedule=${this.editing.schedule} .media=${this.media}
        .areaId=${this.area} @saved=${(e) => this.saved(e.detail.schedule)}
        @cancel=${() => { this.editing = null; }}></loa-schedule-form>` : nothing}
      <div class="toolbar">
        <loa-area-picker data-testid="schedule-area" all-option label=${t('area')} .value=${this.area}
          @change=${(e) => this.chooseArea(e.detail.value)}></loa-area-picker>
        <div class="week-nav">
          <button type="button" data-testid="week-prev" @click=${() => this.showWeek(addDays(this.monday, -7))}>
            ${t('previous')}</button>
          <button type="button" data-testid="week-today" @click=${() => this.showWeek(mondayOf(today()))}>
            ${t('thisWeek')}</button>
          <button type="button" data-testid="week-next" @click=${() => this.showWeek(addDays(this.monday, 7))}>
            ${t('next')}</button>
          <strong data-testid="week-label">${t('week', {from: formatDate(`${days[0]}T12:00:00Z`),
            to: formatDate(`${days[6]}T12:00:00Z`)})}</strong>
        </div>
      </div>
      <loa-week-calendar data-testid="week-calendar" .days=${days} .entries=${this.entries}
        @open=${(e) => this.edit(e.detail.schedule)}></loa-week-calendar>
      <h2>${t('list')}</h2>
      ${this.renderList(operator)}
    </section>`;
  }

  renderList(operator) {
    if (!this.schedules) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.schedules.length) {
      return html`<p class="muted">${t('empty')}</p>`;
    }
    return html`<ul class="schedule-list">${this.schedules.map((s) => html`<li class="schedule-item card"
        data-testid="schedule-item" data-schedule-id=${s.id}>
      <div class="schedule-main">
        <strong>${s.name}</strong>
        <span class="badge badge-${s.priority.toLowerCase()}">${priorityWord(s.priority)}</span>
        ${s.enabled ? nothing : html`<span class="badge badge-disabled">${t('disabled')}</span>`}
        ${s.unapprovedMedia?.length ? html`<span class="badge badge-rejected" data-testid="schedule-unapproved"
          title=${t('unapprovedHint')}>${t('unapproved')}</span>` : nothing}
        <p>${s.description?.[currentLanguage()] ?? ''}</p>
        <p class="muted">${this.sourceText(s.source)} · ${this.targetText(s.targets)}</p>
        <p class="muted">${s.nextOccurrences?.length ? t('nextAt', {at: formatDateTime(s.nextOccurrences[0].start)})
          : t('noNext')}</p>
      </div>
      ${operator ? html`<div class="actions">
        <button type="button" data-testid="schedule-edit" @click=${() => this.edit(s)}>${t('edit')}</button>
        <button type="button" class="danger" data-testid="schedule-delete" @click=${() => this.deleteSchedule(s)}>
          ${t('delete')}</button></div>` : nothing}
    </li>`)}</ul>`;
  }

  sourceText(source) {
    if (source.type === 'relay') {
      return t('relay', {url: source.url});
    }
    const titles = (source.media ?? []).map((id) => this.library.find((m) => m.id === id)?.title ?? `#${id}`);
    return titles.length === 1 ? titles[0] : t('playlist', {count: titles.length});
  }

  targetText(targets = {}) {
    const areas = (targets.areas ?? []).map((id) => this.areaNamesById.get(Number(id)) ?? id);
    const groups = targets.groups?.length ?? 0;
    const devices = targets.devices?.length ?? 0;
    return areas.length && !groups && !devices ? areas.join(', ')
      : t('targets', {areas: areas.length, groups, devices});
  }
}
customElements.define('loa-page-schedules', SchedulesPage);

// <loa-schedule-form>: create or edit a programme. While the user types, a debounced POST /api/schedules/check
// shows the rule in plain words, the next occurrences, what is missing, conflicts with other schedules and a
// quiet-hours warning BEFORE saving; the "save anyway" boxes (force, override quiet hours) appear only when needed.
// Properties: `schedule` (the one edited, or null for a new one), `media` (approved items to choose from),
// `areaId` (the area a new schedule belongs to; null = the user's own). Events: `saved` {schedule}, `cancel`.
//
// Test ids: schedule-name, schedule-source (media/relay), schedule-media (first item), schedule-media-extra,
// schedule-media-more, schedule-relay-url, schedule-fallback, schedule-target, schedule-priority, schedule-time,
// schedule-duration, schedule-recurrence, schedule-weekday-<MO..SU>, schedule-from, schedule-until,
// schedule-except, schedule-except-add, schedule-rrule, schedule-words, schedule-next, schedule-problems,
// schedule-warnings, schedule-force, schedule-override-quiet-hours, schedule-save, schedule-cancel.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {priorityWord} from '../broadcasts/broadcast-words.js';
import {currentLanguage, formatDate, formatDateTime, formatDuration, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {today} from './week-dates.js';

const t = translations({
  vi: {
    newTitle: 'Lịch phát mới', editTitle: 'Sửa lịch phát', name: 'Tên chương trình', source: 'Nguồn phát',
    'source.media': 'Bản tin trong thư viện', 'source.relay': 'Tiếp sóng (VOV, đài tỉnh…)',
    media: 'Bản tin', chooseMedia: '— Chọn bản tin đã duyệt —', moreMedia: '+ Thêm bản tin', remove: 'Bỏ',
    noMedia: 'Chưa có bản tin nào được duyệt.', relayUrl: 'Địa chỉ luồng tiếp sóng', fallback: 'Bản tin dự phòng khi mất sóng',
    none: '— Không —', targets: 'Nơi phát', priority: 'Mức ưu tiên',
    time: 'Giờ phát', duration: 'Thời lượng (phút)', recurrence: 'Lặp lại', once: 'Một lần', daily: 'Hằng ngày',
    weekly: 'Các ngày trong tuần', custom: 'Quy tắc riêng (RRULE)', weekdays: 'Vào các ngày',
    MO: 'T2', TU: 'T3', WE: 'T4', TH: 'T5', FR: 'T6', SA: 'T7', SU: 'CN',
    date: 'Ngày phát', from: 'Từ ngày', until: 'Đến ngày (không bắt buộc)', except: 'Trừ các ngày', add: 'Thêm',
    rrule: 'Quy tắc', preview: 'Lịch này', next: 'Những lần phát tới', checking: 'Đang kiểm tra…',
    problems: 'Cần sửa trước khi lưu', conflicts: 'Trùng giờ với lịch khác cùng mức ưu tiên',
    conflict: '«{name}» trên {speakers} loa, lần đầu {at}',
    quiet: 'Lịch này phát trong giờ yên tĩnh {hours}: người dân có thể bị làm phiền.',
    quietAt: 'Ví dụ: {list}', force: 'Vẫn lưu dù trùng giờ (ghi vào nhật ký)',
    override: 'Vẫn phát trong giờ yên tĩnh (ghi vào nhật ký)', save: 'Lưu lịch', saving: 'Đang lưu…', cancel: 'Huỷ',
    mediaLength: 'Tổng độ dài các bản tin: {length}',
  },
  en: {
    newTitle: 'New schedule', editTitle: 'Edit schedule', name: 'Programme name', source: 'Source',
    'source.media': 'Bulletins from the library', 'source.relay': 'Relay (VOV, provincial radio…)',
    media: 'Bulletin', chooseMedia: '— Choose an approved bulletin —', moreMedia: '+ Add a bulletin', remove: 'Remove',
    noMedia: 'No approved bulletin yet.', relayUrl: 'Stream URL to relay', fallback: 'Fallback bulletin when the relay is dead',
    none: '— None —', targets: 'Where to play', priority: 'Priority',
    time: 'Start time', duration: 'Duration (minutes)', recurrence: 'Repeat', once: 'Once', daily: 'Every day',
    weekly: 'On chosen weekdays', custom: 'Custom rule (RRULE)', weekdays: 'On',
    MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun',
    date: 'Date', from: 'From', until: 'Until (optional)', except: 'Except on', add: 'Add',
    rrule: 'Rule', preview: 'This schedule', next: 'Next times it plays', checking: 'Checking…',
    problems: 'To fix before saving', conflicts: 'Overlaps other schedules of the same priority',
    conflict: '“{name}” on {speakers} speakers, first at {at}',
    quiet: 'This schedule plays in the quiet hours {hours}: residents may be disturbed.',
    quietAt: 'For example: {list}', force: 'Save despite the overlap (audited)',
    override: 'Play in the quiet hours anyway (audited)', save: 'Save schedule', saving: 'Saving…', cancel: 'Cancel',
    mediaLength: 'Total length of the bulletins: {length}',
  },
});

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Check fields to the strings of their inputs. */
const FIELD_LABELS = {
  name: 'name', source: 'source', targets: 'targets', priority: 'priority', recurrence: 'recurrence',
  'recurrence.at': 'time', 'recurrence.durationMinutes': 'duration', 'recurrence.weekdays': 'weekdays',
  'recurrence.from': 'from', 'recurrence.until': 'until', 'recurrence.except': 'except', 'recurrence.rrule': 'rrule',
};
const CHECK_DELAY_MS = 400;
const DEFAULT_DURATION_MINUTES = 30;
const MAX_DURATION_MINUTES = 24 * 60;
/** How many quiet-hour occurrences the warning names. */
const QUIET_EXAMPLES = 3;

/** The form's fields for a schedule as the API shows it, or for a new one. */
function fieldsOf(schedule) {
  if (!schedule) {
    return {name: '', sourceType: 'media', media: [''], relayUrl: '', fallback: '', targets: {areas: [], groups: [],
      devices: []}, priority: 'NORMAL', at: '', durationMinutes: DEFAULT_DURATION_MINUTES, repeat: 'once',
    weekdays: [], from: today(), until: '', except: [], rrule: '', durationTouched: false};
  }
  const r = schedule.recurrence;
  const source = schedule.source;
  const targets = schedule.targets ?? {};
  return {
    name: schedule.name, sourceType: source.type, media: (source.media ?? ['']).map(String),
    relayUrl: source.url ?? '', fallback: source.fallback ? String(source.fallback) : '',
    // the picker compares area and group ids as numbers, the API writes them as strings
    targets: {areas: (targets.areas ?? []).map(Number), groups: (targets.groups ?? []).map(Number),
      devices: [...(targets.devices ?? [])]},
    priority: schedule.priority, at: r.at.slice(0, 5), durationMinutes: r.durationMinutes, repeat: r.repeat,
    weekdays: r.weekdays ?? [], from: r.from ?? today(), until: r.until ?? '', except: r.except ?? [],
    rrule: r.rrule ?? '', durationTouched: true,
  };
}

class ScheduleForm extends LoaElement {
  static properties = {
    schedule: {attribute: false},
    media: {attribute: false},
    areaId: {attribute: false},
    fields: {state: true},
    check: {state: true},
    checking: {state: true},
    force: {state: true},
    overrideQuietHours: {state: true},
    saving: {state: true},
    error: {state: true},
    exceptDraft: {state: true},
  };

  constructor() {
    super();
    this.media = [];
    this.check = null;
    this.exceptDraft = '';
    this.revision = 0; // bumped by every change; a check answer counts only for the revision it was asked for
  }

  willUpdate(changed) {
    if (changed.has('schedule')) {
      this.fields = fieldsOf(this.schedule);
      this.check = null;
      this.force = false;
      this.overrideQuietHours = false;
      this.scheduleCheck();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.checkTimer);
  }

  set(changes) {
    this.fields = {...this.fields, ...changes};
    this.scheduleCheck();
  }

  /** The request body the form stands for (POST /api/schedules, PUT, and the check). */
  body() {
    const f = this.fields;
    const source = f.sourceType === 'media'
      ? {type: 'media', media: f.media.filter(Boolean).map(Number)}
      : {type: 'relay', url: f.relayUrl.trim(), ...(f.fallback ? {fallback: Number(f.fallback)} : {})};
    const recurrence = {at: f.at, durationMinutes: Number(f.durationMinutes), from: f.from || null, except: f.except};
    if (f.repeat === 'custom') {
      recurrence.rrule = f.rrule;
    } else {
      recurrence.repeat = f.repeat;
      if (f.repeat === 'weekly') {
        recurrence.weekdays = f.weekdays;
      }
      if (f.repeat !== 'once' && f.until) {
        recurrence.until = f.until;
      }
    }
    const body = {name: f.name.trim(), source, targets: f.targets, priority: f.priority, recurrence,
      force: this.force, overrideQuietHours: this.overrideQuietHours};
    const areaId = this.schedule ? this.schedule.areaId : this.areaId;
    if (areaId != null) {
      body.areaId = areaId;
    }
    return body;
  }

  scheduleCheck() {
    this.revision++;
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.runCheck(), CHECK_DELAY_MS);
  }

  async runCheck() {
    const body = this.body();
    if (this.schedule) {
      body.id = this.schedule.id;
    }
    const revision = this.revision;
    this.checking = true;
    let answer;
    try {
      answer = await api.post('/api/schedules/check', body);
    } catch (error) {
      // a body the server cannot even read (400) is reported like the check's own errors
      answer = {ok: false, errors: [{field: null, message: error.message}], conflicts: [], quietHours: null, next: []};
    } finally {
      this.checking = false;
    }
    if (revision === this.revision) {
      this.check = answer; // else the form changed meanwhile and a newer check is on its way
    }
  }

  async save() {
    this.saving = true;
    this.error = null;
    try {
      const body = this.body();
      const saved = this.schedule ? await api.put(`/api/schedules/${this.schedule.id}`, body)
        : await api.post('/api/schedules', body);
      this.dispatchEvent(new CustomEvent('saved', {detail: {schedule: saved}, bubbles: true}));
    } catch (error) {
      this.refusedBy(error);
    } finally {
      this.saving = false;
    }
  }

  /** A refusal over conflicts (409) or quiet hours (422) shows as the check would have, with its box to tick. */
  refusedBy(error) {
    const check = this.check ?? {ok: false, errors: [], conflicts: [], quietHours: null, next: []};
    if (error.status === 409 && Array.isArray(error.detail?.conflicts)) {
      this.check = {...check, conflicts: error.detail.conflicts};
    } else if (error.status === 422 && error.detail?.quietHours) {
      this.check = {...check, quietHours: {text: error.detail.quietHours, occurrences: []}};
    } else {
      this.error = error;
    }
  }

  mediaSeconds(ids = this.fields.media) {
    const byId = new Map(this.media.map((m) => [String(m.id), m]));
    return ids.reduce((sum, id) => sum + (byId.get(id)?.durationMs ?? 0), 0) / 1000;
  }

  chooseMedia(index, id) {
    const media = [...this.fields.media];
    media[index] = id;
    const changes = {media};
    if (!this.fields.durationTouched) {
      changes.durationMinutes = Math.min(MAX_DURATION_MINUTES, Math.max(1, Math.ceil(this.mediaSeconds(media) / 60)));
    }
    this.set(changes);
  }

  addException() {
    if (this.exceptDraft && !this.fields.except.includes(this.exceptDraft)) {
      this.set({except: [...this.fields.except, this.exceptDraft].sort()});
    }
    this.exceptDraft = '';
  }

  render() {
    const f = this.fields;
    return html`<form class="schedule-form card" @submit=${(e) => { e.preventDefault(); this.save(); }}>
      <h2>${this.schedule ? t('editTitle') : t('newTitle')}</h2>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      <label class="field">${t('name')}
        <input data-testid="schedule-name" required maxlength="200" .value=${f.name}
          @input=${(e) => this.set({name: e.target.value})}></label>
      ${this.renderSource()}
      <fieldset><legend>${t('targets')}</legend>
        <loa-target-picker data-testid="schedule-target" .value=${f.targets}
          @change=${(e) => this.set({targets: e.detail})}></loa-target-picker></fieldset>
      <div class="form-row">
        <label class="field">${t('priority')}
          <select data-testid="schedule-priority" @change=${(e) => this.set({priority: e.target.value})}>
            ${['NORMAL', 'PRIORITY'].map((p) => html`<option value=${p} ?selected=${p === f.priority}>${priorityWord(p)}</option>`)}
          </select></label>
        <label class="field">${t('time')}
          <input type="time" data-testid="schedule-time" required .value=${f.at}
            @input=${(e) => this.set({at: e.target.value})}></label>
        <label class="field">${t('duration')}
          <input type="number" data-testid="schedule-duration" min="1" max=${MAX_DURATION_MINUTES} required
            .value=${String(f.durationMinutes)}
            @input=${(e) => this.set({durationMinutes: e.target.value, durationTouched: true})}></label>
      </div>
      ${this.renderRecurrence()}
      ${this.renderPreview()}
      <div class="actions">
        <button type="button" data-testid="schedule-cancel"
          @click=${() => this.dispatchEvent(new CustomEvent('cancel', {bubbles: true}))}>${t('cancel')}</button>
        <button type="submit" class="primary" data-testid="schedule-save" ?disabled=${this.saving}>
          ${this.saving ? t('saving') : t('save')}</button>
      </div>
    </form>`;
  }

  renderSource() {
    const f = this.fields;
    return html`<fieldset><legend>${t('source')}</legend>
      <div class="radio-row" data-testid="schedule-source">
        ${['media', 'relay'].map((type) => html`<label class="check"><input type="radio" name="source-type"
          value=${type} .checked=${f.sourceType === type} @change=${() => this.set({sourceType: type})}>
          ${t(`source.${type}`)}</label>`)}
      </div>
      ${f.sourceType === 'media' ? this.renderPlaylist() : html`
        <label class="field">${t('relayUrl')}
          <input type="url" data-testid="schedule-relay-url" placeholder="http://…" .value=${f.relayUrl}
            @input=${(e) => this.set({relayUrl: e.target.value})}></label>
        <label class="field">${t('fallback')}
          <select data-testid="schedule-fallback" @change=${(e) => this.set({fallback: e.target.value})}>
            <option value="" ?selected=${!f.fallback}>${t('none')}</option>
            ${this.mediaOptions(f.fallback)}</select></label>`}
    </fieldset>`;
  }

  mediaOptions(selected) {
    return this.media.map((m) => html`<option value=${m.id} ?selected=${String(m.id) === selected}>${m.title}
      (${formatDuration(m.durationMs / 1000)})</option>`);
  }

  renderPlaylist() {
    const f = this.fields;
    if (!this.media.length) {
      return html`<p class="muted">${t('noMedia')}</p>`;
    }
    return html`<ol class="playlist">${f.media.map((id, i) => html`<li>
        <select data-testid=${i === 0 ? 'schedule-media' : 'schedule-media-extra'} aria-label=${t('media')}
          @change=${(e) => this.chooseMedia(i, e.target.value)}>
          <option value="" ?selected=${!id}>${t('chooseMedia')}</option>${this.mediaOptions(id)}</select>
        ${i > 0 ? html`<button type="button" class="link"
          @click=${() => this.set({media: f.media.filter((_, j) => j !== i)})}>${t('remove')}</button>` : nothing}
      </li>`)}</ol>
      <button type="button" class="link" data-testid="schedule-media-more"
        @click=${() => this.set({media: [...f.media, '']})}>${t('moreMedia')}</button>
      ${this.mediaSeconds() ? html`<p class="muted">${t('mediaLength', {length: formatDuration(this.mediaSeconds())})}</p>`
        : nothing}`;
  }

  renderRecurrence() {
    const f = this.fields;
    const kinds = f.repeat === 'custom' ? ['once', 'daily', 'weekly', 'custom'] : ['once', 'daily', 'weekly'];
    return html`<fieldset><legend>${t('recurrence')}</legend>
      <div class="form-row">
        <label class="field">${t('recurrence')}
          <select data-testid="schedule-recurrence" @change=${(e) => this.set({repeat: e.target.value})}>
            ${kinds.map((k) => html`<option value=${k} ?selected=${k === f.repeat}>${t(k)}</option>`)}
          </select></label>
        <label class="field">${f.repeat === 'once' ? t('date') : t('from')}
          <input type="date" data-testid="schedule-from" .value=${f.from}
            @input=${(e) => this.set({from: e.target.value})}></label>
        ${f.repeat === 'daily' || f.repeat === 'weekly' ? html`<label class="field">${t('until')}
          <input type="date" data-testid="schedule-until" .value=${f.until} min=${f.from}
            @input=${(e) => this.set({until: e.target.value})}></label>` : nothing}
      </div>
      ${f.repeat === 'weekly' ? html`<div class="weekdays" role="group" aria-label=${t('weekdays')}>${t('weekdays')}:
        ${WEEKDAYS.map((d) => html`<label class="check"><input type="checkbox" data-testid="schedule-weekday-${d}"
          .checked=${f.weekdays.includes(d)} @change=${(e) => this.set({weekdays: e.target.checked
            ? WEEKDAYS.filter((w) => w === d || f.weekdays.includes(w)) : f.weekdays.filter((w) => w !== d)})}>
          ${t(d)}</label>`)}</div>` : nothing}
      ${f.repeat === 'custom' ? html`<label class="field">${t('rrule')}
        <input data-testid="schedule-rrule" .value=${f.rrule} @input=${(e) => this.set({rrule: e.target.value})}>
        </label>` : nothing}
      ${f.repeat !== 'once' ? html`<div class="field">${t('except')}
        <div class="inline">
          <input type="date" data-testid="schedule-except" .value=${this.exceptDraft}
            @input=${(e) => { this.exceptDraft = e.target.value; }}>
          <button type="button" data-testid="schedule-except-add" @click=${() => this.addException()}>${t('add')}</button>
        </div>
        <div class="chips">${f.except.map((d) => html`<span class="chip">${formatDate(`${d}T12:00:00Z`)}
          <button type="button" class="icon-button" aria-label=${t('remove')}
            @click=${() => this.set({except: f.except.filter((x) => x !== d)})}>×</button></span>`)}</div>
      </div>` : nothing}
    </fieldset>`;
  }

  renderPreview() {
    const c = this.check;
    const words = c?.words?.[currentLanguage()];
    const errors = c?.errors ?? [];
    const conflicts = c?.conflicts ?? [];
    const quiet = c?.quietHours;
    return html`<div class="schedule-preview" aria-live="polite">
      <p><strong>${t('preview')}:</strong> <span data-testid="schedule-words">${words ?? (this.checking ? t('checking')
        : '—')}</span></p>
      ${c?.next?.length ? html`<p class="muted" data-testid="schedule-next">${t('next')}:
        ${c.next.slice(0, 5).map((at) => formatDateTime(at)).join(' · ')}</p>` : nothing}
      ${errors.length ? html`<div class="problems" data-testid="schedule-problems"><strong>${t('problems')}</strong>
        <ul>${errors.map((e) => html`<li>${fieldLabel(e.field)}${e.message}</li>`)}</ul></div>` : nothing}
      ${conflicts.length || quiet ? html`<div class="warnings" data-testid="schedule-warnings" role="alert">
        ${conflicts.length ? html`<p><strong>⚠ ${t('conflicts')}</strong></p><ul>${conflicts.map((k) => html`<li>
          ${t('conflict', {name: k.name, speakers: k.speakers, at: formatDateTime(k.firstOverlap?.start)})}</li>`)}</ul>
          <label class="check"><input type="checkbox" data-testid="schedule-force" .checked=${this.force}
            @change=${(e) => { this.force = e.target.checked; }}>${t('force')}</label>` : nothing}
        ${quiet ? html`<p><strong>${t('quiet', {hours: quietText(quiet)})}</strong></p>
          ${quiet.occurrences?.length ? html`<p class="muted">${t('quietAt', {list: quiet.occurrences
            .slice(0, QUIET_EXAMPLES).map((o) => formatDateTime(o.start ?? o)).join(' · ')})}</p>` : nothing}
          <label class="check"><input type="checkbox" data-testid="schedule-override-quiet-hours"
            .checked=${this.overrideQuietHours} @change=${(e) => { this.overrideQuietHours = e.target.checked; }}>
            ${t('override')}</label>` : nothing}
      </div>` : nothing}
    </div>`;
  }
}
customElements.define('loa-schedule-form', ScheduleForm);

/** The form's label of a field the check names ("recurrence.at" → "Giờ phát: "), or nothing for the whole body. */
function fieldLabel(field) {
  const key = FIELD_LABELS[field] ?? FIELD_LABELS[field?.split('.')[0]];
  return key ? `${t(key)}: ` : '';
}

/** The quiet hours as the check ({from, to}) or a refusal ("22:00-05:00") gives them. */
function quietText(quiet) {
  return quiet.text ?? `${quiet.from}–${quiet.to}`;
}

// Elements and helpers every page shares:
//   <loa-error-banner .error=${e}>   the page's error (class error-banner, present only when there is one);
//                                     <loa-error-banner global> in the shell shows what showError() reports
//   <loa-toast>                       short confirmations: showToast('Đã lưu')
//   <loa-confirm>                     confirmAction({title, message, confirmLabel, danger, word}) → Promise<boolean>;
//                                     with `word` the user must type it first (test ids confirm-word, confirm-ok,
//                                     confirm-cancel)
//   <loa-area-picker .value=${id} all-option label="…" @change=${e => e.detail.value}>   one area of the scope
//   <loa-target-picker .value=${{areas, groups, devices}} @change=${e => e.detail}>  test ids target-area-<id>,
//                                     target-group-<id>, target-device-search, target-device-option, target-device-remove
//   <loa-pager total limit offset @page=${e => e.detail.offset}>   test ids pager-prev, pager-next
//   <loa-status-badge status="online">
import {html, nothing} from 'lit';
import {api} from './api.js';
import {translations} from './i18n.js';
import {LoaElement} from './loa-element.js';

const t = translations({
  vi: {
    dismiss: 'Đóng', line: 'Dòng {line}: {text}', cancel: 'Huỷ', ok: 'Đồng ý', typeWord: 'Gõ chữ {word} để xác nhận',
    allAreas: 'Tất cả khu vực', area: 'Khu vực', areas: 'Khu vực', groups: 'Nhóm loa', devices: 'Loa riêng lẻ',
    searchDevices: 'Tìm loa theo tên, số sê-ri…', noGroups: 'Chưa có nhóm nào.', noAreas: 'Không có khu vực nào.',
    noMatch: 'Không tìm thấy loa nào.', remove: 'Bỏ {name}', add: 'Thêm {name}', loading: 'Đang tải…',
    chosen: '{areas} khu vực, {groups} nhóm, {devices} loa', members: '{count} loa',
    page: '{from}–{to} trên {total}', previous: 'Trang trước', next: 'Trang sau', empty: 'Không có mục nào',
    'status.online': 'Trực tuyến', 'status.offline': 'Mất kết nối', 'status.pending': 'Chờ duyệt',
    'status.active': 'Hoạt động', 'status.registered': 'Đã đăng ký', 'status.rejected': 'Bị từ chối',
    'status.revoked': 'Đã thu hồi', 'status.draft': 'Bản nháp', 'status.approved': 'Đã duyệt',
    'status.ok': 'Thành công', 'status.failed': 'Thất bại', 'status.timed_out': 'Quá thời gian',
    'status.disabled': 'Đã vô hiệu hoá', 'status.locked': 'Tạm khoá', 'status.on-air': 'Đang phát',
    'status.ended': 'Đã kết thúc', 'status.scheduled': 'Đã lên lịch',
  },
  en: {
    dismiss: 'Dismiss', line: 'Line {line}: {text}', cancel: 'Cancel', ok: 'OK', typeWord: 'Type {word} to confirm',
    allAreas: 'All areas', area: 'Area', areas: 'Areas', groups: 'Speaker groups', devices: 'Single speakers',
    searchDevices: 'Search speakers by name, serial…', noGroups: 'No groups yet.', noAreas: 'No areas.',
    noMatch: 'No speaker found.', remove: 'Remove {name}', add: 'Add {name}', loading: 'Loading…',
    chosen: 'Chosen: areas {areas}, groups {groups}, speakers {devices}', members: 'speakers: {count}',
    page: '{from}–{to} of {total}', previous: 'Previous page', next: 'Next page', empty: 'Nothing here',
    'status.online': 'Online', 'status.offline': 'Offline', 'status.pending': 'Pending',
    'status.active': 'Active', 'status.registered': 'Registered', 'status.rejected': 'Rejected',
    'status.revoked': 'Revoked', 'status.draft': 'Draft', 'status.approved': 'Approved',
    'status.ok': 'Succeeded', 'status.failed': 'Failed', 'status.timed_out': 'Timed out',
    'status.disabled': 'Disabled', 'status.locked': 'Locked', 'status.on-air': 'On air',
    'status.ended': 'Ended', 'status.scheduled': 'Scheduled',
  },
});

/** How many devices a search in the target picker shows. */
const DEVICE_SEARCH_LIMIT = 20;
const DEVICE_SEARCH_DELAY_MS = 250;
const TOAST_MS = 4000;
/** The API's largest page: lists the console needs whole (areas, groups) are read in pages of this size. */
export const MAX_PAGE = 1000;

// ---- error banner -------------------------------------------------------------------------------------------

let globalError = null;
const globalErrorListeners = new Set();

/** Shows an error in the shell's banner (an ApiError shows the server's message). A 401 is left to the login page. */
export function showError(error) {
  if (error?.status === 401) {
    return;
  }
  console.error(error);
  globalError = error;
  globalErrorListeners.forEach((listener) => listener());
}

export function clearError() {
  globalError = null;
  globalErrorListeners.forEach((listener) => listener());
}

/** The text for an error: its message, plus the server's list of problems when it sent one. */
function errorText(error) {
  if (!error) {
    return '';
  }
  const message = typeof error === 'string' ? error : error.message;
  const detail = error.detail;
  if (Array.isArray(detail?.errors)) {
    return [message, ...detail.errors.map((e) => {
      const text = e.error ?? e.message ?? String(e);
      return e.line ? t('line', {line: e.line, text}) : e.field ? `${e.field}: ${text}` : text;
    })].join('\n');
  }
  return typeof detail === 'string' && detail !== message ? `${message} (${detail})` : message;
}

class ErrorBanner extends LoaElement {
  static properties = {error: {attribute: false}, global: {type: Boolean}};

  connectedCallback() {
    super.connectedCallback();
    if (this.global) {
      const listener = () => this.requestUpdate();
      globalErrorListeners.add(listener);
      this.whileConnected(() => globalErrorListeners.delete(listener));
    }
  }

  get shown() {
    return this.global ? globalError : this.error;
  }

  dismiss() {
    if (this.global) {
      clearError();
    } else {
      this.error = null;
      this.dispatchEvent(new CustomEvent('dismiss', {bubbles: true}));
    }
  }

  render() {
    const error = this.shown;
    if (!error) {
      return nothing;
    }
    return html`<div class="error-banner" role="alert">
      <span class="error-text">${errorText(error)}</span>
      <button type="button" class="icon-button" aria-label=${t('dismiss')} title=${t('dismiss')}
        @click=${() => this.dismiss()}>×</button>
    </div>`;
  }
}
customElements.define('loa-error-banner', ErrorBanner);

// ---- toast --------------------------------------------------------------------------------------------------

export function showToast(message) {
  document.querySelector('loa-toast')?.show(message);
}

class Toast extends LoaElement {
  static properties = {message: {state: true}};

  show(message) {
    this.message = message;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.message = null;
    }, TOAST_MS);
  }

  render() {
    return html`<div class="toast ${this.message ? 'visible' : ''}" role="status" aria-live="polite">
      ${this.message ?? ''}</div>`;
  }
}
customElements.define('loa-toast', Toast);

// ---- confirm dialog -----------------------------------------------------------------------------------------

/**
 * Asks before something that cannot be undone. With `word` (e.g. KHẨN CẤP) the OK button stays disabled until the
 * user typed it. Resolves to true when confirmed.
 */
export function confirmAction(options) {
  const dialog = document.querySelector('loa-confirm');
  return dialog ? dialog.ask(options) : Promise.resolve(false);
}

class ConfirmDialog extends LoaElement {
  static properties = {options: {state: true}, typed: {state: true}};

  ask(options) {
    this.resolve?.(false);
    this.options = options;
    this.typed = '';
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.updateComplete.then(() => {
        const dialog = this.querySelector('dialog');
        if (!dialog.open) {
          dialog.showModal();
        }
        this.querySelector(options.word ? '[data-testid="confirm-word"]' : '[data-testid="confirm-cancel"]')?.focus();
      });
    });
  }

  finish(answer) {
    const resolve = this.resolve;
    this.resolve = null;
    this.querySelector('dialog')?.close();
    resolve?.(answer);
  }

  render() {
    const o = this.options ?? {};
    const ready = !o.word || this.typed.trim().toLocaleUpperCase('vi') === o.word.toLocaleUpperCase('vi');
    return html`<dialog class="confirm ${o.danger ? 'danger' : ''}" aria-labelledby="confirm-title"
        @cancel=${(e) => { e.preventDefault(); this.finish(false); }}>
      <form method="dialog" @submit=${(e) => { e.preventDefault(); if (ready) this.finish(true); }}>
        <h2 id="confirm-title">${o.title ?? ''}</h2>
        ${o.message ? html`<p class="confirm-message">${o.message}</p>` : nothing}
        ${o.word ? html`<label class="field">${t('typeWord', {word: o.word})}
          <input data-testid="confirm-word" autocomplete="off" .value=${this.typed}
            @input=${(e) => { this.typed = e.target.value; }}></label>` : nothing}
        <div class="actions">
          <button type="button" data-testid="confirm-cancel" @click=${() => this.finish(false)}>${t('cancel')}</button>
          <button type="submit" data-testid="confirm-ok" class=${o.danger ? 'danger' : 'primary'} ?disabled=${!ready}>
            ${o.confirmLabel ?? t('ok')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
customElements.define('loa-confirm', ConfirmDialog);

/** The Cancel and submit buttons at the foot of a dialog's form. */
export function dialogButtons({onCancel, saveLabel, saveTestId, busy = false}) {
  return html`<div class="actions">
    <button type="button" @click=${onCancel}>${t('cancel')}</button>
    <button type="submit" class="primary" data-testid=${saveTestId} ?disabled=${busy}>${saveLabel}</button>
  </div>`;
}

// ---- areas and groups of the scope --------------------------------------------------------------------------

/** Lists read whole once per session (path → Promise of the items); a failed read is tried again next time. */
const scopeLists = new Map();

async function readAll(path) {
  const items = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = await api.get(path, {limit: MAX_PAGE, offset});
    items.push(...page.items);
    if (page.items.length < MAX_PAGE || items.length >= page.total) {
      return items;
    }
  }
}

function readAllOnce(path, refresh) {
  if (refresh || !scopeLists.has(path)) {
    scopeLists.set(path, readAll(path).catch((error) => {
      scopeLists.delete(path);
      throw error;
    }));
  }
  return scopeLists.get(path);
}

/** Every area in the user's scope in tree order ({id, parentId, name, kind, path, depth}), read once per session. */
export function loadAreas({refresh = false} = {}) {
  return readAllOnce('/api/areas', refresh);
}

/** Every group in the user's scope, read once per session unless refreshed. */
export function loadGroups({refresh = false} = {}) {
  return readAllOnce('/api/groups', refresh);
}

/** Area id → name within the scope, for showing where a device or a row belongs. */
export async function areaNames() {
  const areas = await loadAreas();
  return new Map(areas.map((a) => [a.id, a.name]));
}

/** Forgets what was read for the previous user. */
export function forgetScope() {
  scopeLists.clear();
}

/** Depth relative to the shallowest area shown, for indenting a tree. */
function relativeDepths(areas) {
  const top = Math.min(...areas.map((a) => a.depth));
  return (area) => area.depth - top;
}

class AreaPicker extends LoaElement {
  static properties = {
    value: {attribute: false},
    label: {},
    allOption: {type: Boolean, attribute: 'all-option'},
    disabled: {type: Boolean},
    areas: {state: true},
  };

  connectedCallback() {
    super.connectedCallback();
    loadAreas().then((areas) => {
      this.areas = areas;
    }, showError);
  }

  choose(event) {
    event.stopPropagation();
    const raw = event.target.value;
    this.value = raw === '' ? null : Number(raw);
    this.dispatchEvent(new CustomEvent('change', {detail: {value: this.value}, bubbles: true}));
  }

  render() {
    const areas = this.areas ?? [];
    const depth = areas.length ? relativeDepths(areas) : () => 0;
    return html`<label class="field area-picker">${this.label ?? t('area')}
      <select ?disabled=${this.disabled || !this.areas} @change=${(e) => this.choose(e)}>
        ${this.allOption ? html`<option value="" ?selected=${this.value == null}>${t('allAreas')}</option>` : nothing}
        ${areas.map((a) => html`<option value=${a.id} ?selected=${a.id === this.value}>
          ${'\u00a0\u00a0'.repeat(depth(a))}${a.name}</option>`)}
      </select></label>`;
  }
}
customElements.define('loa-area-picker', AreaPicker);

// ---- target picker ------------------------------------------------------------------------------------------

class TargetPicker extends LoaElement {
  static properties = {
    value: {attribute: false},
    areas: {state: true},
    groups: {state: true},
    found: {state: true},
    query: {state: true},
  };

  constructor() {
    super();
    this.value = {areas: [], groups: [], devices: []};
    this.deviceNames = new Map();
    this.query = '';
  }

  connectedCallback() {
    super.connectedCallback();
    Promise.all([loadAreas(), loadGroups()]).then(([areas, groups]) => {
      this.areas = areas;
      this.groups = groups;
    }, showError);
  }

  get selection() {
    return {areas: [...(this.value?.areas ?? [])], groups: [...(this.value?.groups ?? [])],
      devices: [...(this.value?.devices ?? [])]};
  }

  toggle(kind, id, on) {
    const next = this.selection;
    next[kind] = on ? [...new Set([...next[kind], id])] : next[kind].filter((x) => x !== id);
    this.value = next;
    this.dispatchEvent(new CustomEvent('change', {detail: next, bubbles: true}));
  }

  search(text) {
    this.query = text;
    clearTimeout(this.searchTimer);
    if (!text.trim()) {
      this.found = null;
      return;
    }
    this.searchTimer = setTimeout(async () => {
      try {
        const page = await api.get('/api/devices', {q: text.trim(), status: 'active', limit: DEVICE_SEARCH_LIMIT});
        if (this.query === text) {
          this.found = page.items;
        }
      } catch (error) {
        showError(error);
      }
    }, DEVICE_SEARCH_DELAY_MS);
  }

  addDevice(device) {
    this.deviceNames.set(device.id, device.name || device.serial);
    this.toggle('devices', device.id, true);
  }

  checkbox(kind, id, name, testid, extra = nothing) {
    const checked = this.selection[kind].includes(id);
    return html`<label class="check"><input type="checkbox" data-testid=${testid} .checked=${checked}
      @change=${(e) => { e.stopPropagation(); this.toggle(kind, id, e.target.checked); }}>${name}${extra}</label>`;
  }

  renderAreas() {
    if (!this.areas) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.areas.length) {
      return html`<p class="muted">${t('noAreas')}</p>`;
    }
    const depth = relativeDepths(this.areas);
    return html`<div class="tree">${this.areas.map((a) => html`<div class="depth-${Math.min(depth(a), 6)}">
      ${this.checkbox('areas', a.id, a.name, `target-area-${a.id}`)}</div>`)}</div>`;
  }

  renderGroups() {
    if (!this.groups) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.groups.length) {
      return html`<p class="muted">${t('noGroups')}</p>`;
    }
    return html`<div class="tree">${this.groups.map((g) => html`<div>${this.checkbox('groups', g.id, g.name,
      `target-group-${g.id}`, html` <span class="muted">(${t('members', {count: g.members})})</span>`)}</div>`)}</div>`;
  }

  renderDevices() {
    const chosen = this.selection.devices;
    return html`<input type="search" data-testid="target-device-search" aria-label=${t('searchDevices')}
        placeholder=${t('searchDevices')} .value=${this.query} @input=${(e) => this.search(e.target.value)}
        @change=${(e) => e.stopPropagation()}>
      ${this.found ? html`<ul class="search-results">${this.found.length ? this.found
        .filter((d) => !chosen.includes(d.id)).map((d) => html`<li><button type="button"
          data-testid="target-device-option" data-device-id=${d.id} aria-label=${t('add', {name: d.name || d.serial})}
          @click=${() => this.addDevice(d)}>+ ${d.name || d.serial} <span class="muted">${d.serial}</span></button></li>`)
        : html`<li class="muted">${t('noMatch')}</li>`}</ul>` : nothing}
      <div class="chips">${chosen.map((id) => html`<span class="chip">${this.deviceNames.get(id) ?? id}
        <button type="button" class="icon-button" data-testid="target-device-remove"
          aria-label=${t('remove', {name: this.deviceNames.get(id) ?? id})}
          @click=${() => this.toggle('devices', id, false)}>×</button></span>`)}</div>`;
  }

  render() {
    const v = this.selection;
    return html`<div class="target-picker">
      <fieldset><legend>${t('areas')}</legend>${this.renderAreas()}</fieldset>
      <fieldset><legend>${t('groups')}</legend>${this.renderGroups()}</fieldset>
      <fieldset><legend>${t('devices')}</legend>${this.renderDevices()}</fieldset>
      <p class="muted target-summary">${t('chosen', {areas: v.areas.length, groups: v.groups.length,
        devices: v.devices.length})}</p>
    </div>`;
  }
}
customElements.define('loa-target-picker', TargetPicker);

// ---- pager and status badge ---------------------------------------------------------------------------------

class Pager extends LoaElement {
  static properties = {total: {type: Number}, limit: {type: Number}, offset: {type: Number}};

  constructor() {
    super();
    this.total = 0;
    this.limit = 50;
    this.offset = 0;
  }

  go(offset) {
    this.dispatchEvent(new CustomEvent('page', {detail: {offset}, bubbles: true}));
  }

  render() {
    if (!this.total) {
      return html`<nav class="pager" aria-label="pager"><span class="muted">${t('empty')}</span></nav>`;
    }
    const to = Math.min(this.offset + this.limit, this.total);
    return html`<nav class="pager" aria-label="pager">
      <button type="button" data-testid="pager-prev" ?disabled=${this.offset <= 0} aria-label=${t('previous')}
        @click=${() => this.go(Math.max(0, this.offset - this.limit))}>‹</button>
      <span>${t('page', {from: this.offset + 1, to, total: this.total})}</span>
      <button type="button" data-testid="pager-next" ?disabled=${to >= this.total} aria-label=${t('next')}
        @click=${() => this.go(this.offset + this.limit)}>›</button>
    </nav>`;
  }
}
customElements.define('loa-pager', Pager);

/** The translated name of a status (online, pending, approved, ok, …); unknown ones are shown as they are. */
export function statusLabel(status) {
  const key = `status.${status}`;
  const label = t(key);
  return label === key ? status : label;
}

class StatusBadge extends LoaElement {
  static properties = {status: {}};

  render() {
    return this.status ? html`<span class="badge badge-${this.status}">${statusLabel(this.status)}</span>` : nothing;
  }
}
customElements.define('loa-status-badge', StatusBadge);

// Speakers (#/speakers[?view=list|map|pending|import&area=&status=&group=&online=&q=&offset=]) and one speaker
// (#/speakers/<id>, see speakers/speaker-detail.js). The list filters by area, registration status, group, online
// and text; the filters live in the address so Back and reloads keep them.
//
// Test ids: speakers-tab-<view>, speaker-filter-area (an area picker), speaker-filter-status, speaker-filter-group,
// speaker-filter-online, speaker-search, speaker-row (data-device-id), pager-prev/pager-next; the other views name
// theirs in their own modules.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {events} from '../events.js';
import {formatDateTime, formatNumber, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {hashFor, replaceQuery} from '../routes.js';
import {session} from '../session.js';
import {areaNames, loadGroups, showError} from '../ui.js';
import '../speakers/speaker-detail.js';
import '../speakers/speaker-map.js';
import '../speakers/pending-devices.js';
import '../speakers/device-import.js';

const t = translations({
  vi: {
    title: 'Cụm loa', list: 'Danh sách', map: 'Bản đồ', pending: 'Chờ duyệt', import: 'Nhập từ CSV',
    status: 'Trạng thái đăng ký', group: 'Nhóm', connection: 'Kết nối', search: 'Tìm kiếm',
    searchPlaceholder: 'Tên, số sê-ri, mã…', any: 'Tất cả', online: 'Trực tuyến', offline: 'Mất kết nối',
    name: 'Tên', serial: 'Số sê-ri', area: 'Khu vực', lastSeen: 'Lần cuối thấy', model: 'Mẫu / phần mềm',
    none: 'Không có cụm loa nào khớp bộ lọc.', loading: 'Đang tải…', found: '{count} cụm loa',
    'st.registered': 'Đã đăng ký', 'st.pending': 'Chờ duyệt', 'st.active': 'Hoạt động', 'st.rejected': 'Bị từ chối',
    'st.revoked': 'Đã thu hồi',
  },
  en: {
    title: 'Speakers', list: 'List', map: 'Map', pending: 'Pending', import: 'Import CSV',
    status: 'Registration', group: 'Group', connection: 'Connection', search: 'Search',
    searchPlaceholder: 'Name, serial, id…', any: 'Any', online: 'Online', offline: 'Offline',
    name: 'Name', serial: 'Serial', area: 'Area', lastSeen: 'Last seen', model: 'Model / firmware',
    none: 'No speaker matches the filters.', loading: 'Loading…', found: 'Speakers found: {count}',
    'st.registered': 'Registered', 'st.pending': 'Pending', 'st.active': 'Active', 'st.rejected': 'Rejected',
    'st.revoked': 'Revoked',
  },
});

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
const STATUSES = ['active', 'registered', 'pending', 'rejected', 'revoked'];
const FILTERS = ['area', 'status', 'group', 'online', 'q'];

/** The views of the page, with the least role that sees each. */
const VIEWS = [
  {name: 'list', role: 'viewer'},
  {name: 'map', role: 'viewer'},
  {name: 'pending', role: 'approver'},
  {name: 'import', role: 'approver'},
];

class SpeakersPage extends LoaElement {
  static properties = {
    params: {attribute: false},
    query: {attribute: false},
    filters: {state: true},
    offset: {state: true},
    page: {state: true},
    names: {state: true},
    groups: {state: true},
    error: {state: true},
  };

  connectedCallback() {
    super.connectedCallback();
    const q = this.query ?? new URLSearchParams();
    this.filters = Object.fromEntries(FILTERS.map((f) => [f, q.get(f) ?? '']));
    this.offset = Number(q.get('offset')) || 0;
    if (this.deviceId) {
      return; // the detail element does its own reading
    }
    areaNames().then((names) => { this.names = names; }, showError);
    loadGroups().then((groups) => { this.groups = groups; }, showError);
    this.whileConnected(events.on('ready', () => this.view === 'list' && this.load()));
    this.whileConnected(() => clearTimeout(this.searchTimer));
    if (this.view === 'list') {
      this.load();
    }
  }

  get deviceId() {
    return this.params?.[0] ?? null;
  }

  get view() {
    const wanted = this.query?.get('view') ?? 'list';
    const view = VIEWS.find((v) => v.name === wanted && session.can(v.role));
    return view ? view.name : 'list';
  }

  async load() {
    const f = this.filters;
    const params = {area: f.area, status: f.status, group: f.group, online: f.online, q: f.q.trim(),
      limit: PAGE_SIZE, offset: this.offset};
    const asked = JSON.stringify(params);
    this.lastAsked = asked;
    try {
      const page = await api.get('/api/devices', params);
      if (this.lastAsked === asked) {
        this.page = page;
        this.error = null;
      }
    } catch (error) {
      this.error = error;
    }
  }

  setFilter(name, value) {
    this.filters = {...this.filters, [name]: value == null ? '' : String(value)};
    this.offset = 0;
    this.remember();
    clearTimeout(this.searchTimer);
    if (name === 'q') {
      this.searchTimer = setTimeout(() => this.load(), SEARCH_DELAY_MS);
    } else {
      this.load();
    }
  }

  goTo(offset) {
    this.offset = offset;
    this.remember();
    this.load();
  }

  remember() {
    replaceQuery('speakers', [], {...this.filters, offset: this.offset || ''});
  }

  renderFilters() {
    const f = this.filters;
    const select = (name, testid, label, options) => html`<label class="field">${label}
      <select data-testid=${testid} @change=${(e) => this.setFilter(name, e.target.value)}>
        <option value="" ?selected=${f[name] === ''}>${t('any')}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${f[name] === String(value)}>${text}</option>`)}
      </select></label>`;
    return html`<div class="toolbar" role="search">
      <loa-area-picker data-testid="speaker-filter-area" all-option .value=${f.area ? Number(f.area) : null}
        @change=${(e) => this.setFilter('area', e.detail.value)}></loa-area-picker>
      ${select('status', 'speaker-filter-status', t('status'), STATUSES.map((s) => [s, t(`st.${s}`)]))}
      ${select('group', 'speaker-filter-group', t('group'), (this.groups ?? []).map((g) => [g.id, g.name]))}
      ${select('online', 'speaker-filter-online', t('connection'), [['true', t('online')], ['false', t('offline')]])}
      <label class="field">${t('search')}
        <input type="search" data-testid="speaker-search" placeholder=${t('searchPlaceholder')} .value=${f.q}
          @input=${(e) => this.setFilter('q', e.target.value)}></label>
    </div>`;
  }

  renderTable() {
    if (!this.page) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.page.items.length) {
      return html`<p class="empty">${t('none')}</p>`;
    }
    return html`<p class="muted">${t('found', {count: formatNumber(this.page.total)})}</p>
      <div class="table-wrap"><table>
      <thead><tr><th>${t('name')}</th><th>${t('serial')}</th><th>${t('area')}</th><th>${t('status')}</th>
        <th>${t('connection')}</th><th>${t('lastSeen')}</th><th>${t('model')}</th></tr></thead>
      <tbody>${this.page.items.map((d) => html`<tr data-testid="speaker-row" data-device-id=${d.id}>
        <td><a href=${hashFor('speakers', [d.id])}>${d.name || d.serial}</a></td>
        <td>${d.serial}</td>
        <td>${d.areaId ? this.names?.get(d.areaId) ?? `#${d.areaId}` : html`<span class="muted">${d.areaHint ?? '—'}</span>`}</td>
        <td><loa-status-badge status=${d.status}></loa-status-badge></td>
        <td><loa-status-badge status=${d.online ? 'online' : 'offline'}></loa-status-badge></td>
        <td>${formatDateTime(d.lastSeen)}</td>
        <td>${[d.model, d.firmware].filter(Boolean).join(' · ') || '—'}</td>
      </tr>`)}</tbody></table></div>
      <loa-pager .total=${this.page.total} .limit=${PAGE_SIZE} .offset=${this.offset}
        @page=${(e) => this.goTo(e.detail.offset)}></loa-pager>`;
  }

  renderView() {
    switch (this.view) {
      case 'map': return html`<loa-speaker-map></loa-speaker-map>`;
      case 'pending': return html`<loa-pending-devices></loa-pending-devices>`;
      case 'import': return html`<loa-device-import></loa-device-import>`;
      default: return html`${this.renderFilters()}
        ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
        ${this.renderTable()}`;
    }
  }

  render() {
    if (this.deviceId) {
      return html`<section data-page="speakers" data-view="detail"><loa-speaker-detail .deviceId=${this.deviceId}></loa-speaker-detail></section>`;
    }
    const current = this.view;
    return html`<section data-page="speakers" data-view=${current}>
      <div class="page-header"><h1>${t('title')}</h1></div>
      <div class="tabs" role="tablist">${VIEWS.filter((v) => session.can(v.role)).map((v) => html`<a role="tab"
        class="tab" data-testid="speakers-tab-${v.name}" aria-selected=${v.name === current ? 'true' : 'false'}
        href=${hashFor('speakers', [], v.name === 'list' ? {} : {view: v.name})}>${t(v.name)}</a>`)}</div>
      ${this.renderView()}
    </section>`;
  }
}
customElements.define('loa-page-speakers', SpeakersPage);

// Audit log page: who did what, when, to which target; filters by period, actor, action (a family such as
// "schedule" matches schedule.*) and target, paged, with the matching entries as CSV.
//
// Test ids: audit-from, audit-to, audit-actor, audit-action, audit-target, audit-csv, audit-row (data-action).
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatDateTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {usePageStyles} from './page-styles.js';

const t = translations({
  vi: {
    title: 'Nhật ký thao tác', from: 'Từ ngày', to: 'Đến ngày', actor: 'Người thực hiện', action: 'Thao tác',
    actionHint: 'vd. schedule, media.approve', target: 'Đối tượng', csv: 'Tải CSV', at: 'Thời điểm',
    detail: 'Chi tiết', empty: 'Không có mục nào khớp.', loading: 'Đang tải…',
  },
  en: {
    title: 'Audit log', from: 'From', to: 'To', actor: 'Actor', action: 'Action',
    actionHint: 'e.g. schedule, media.approve', target: 'Target', csv: 'Download CSV', at: 'When',
    detail: 'Detail', empty: 'No matching entries.', loading: 'Loading…',
  },
});

const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 300;
const TEXT_FILTERS = ['actor', 'action', 'target'];

class AuditPage extends LoaElement {
  static properties = {filters: {state: true}, offset: {state: true}, page: {state: true}, error: {state: true}};

  constructor() {
    super();
    this.filters = {from: '', to: '', actor: '', action: '', target: ''};
    this.offset = 0;
    this.page = null;
  }

  connectedCallback() {
    super.connectedCallback();
    usePageStyles('audit');
    this.whileConnected(() => clearTimeout(this.filterTimer));
    this.load();
  }

  /** The filters as the API takes them (blank ones are left out of the query). */
  get apiFilters() {
    return Object.fromEntries(Object.entries(this.filters).map(([name, value]) => [name, value.trim()]));
  }

  async load() {
    try {
      this.page = await api.get('/api/audit', {...this.apiFilters, limit: PAGE_SIZE, offset: this.offset});
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  filter(name, value, delay) {
    this.filters = {...this.filters, [name]: value};
    this.offset = 0;
    clearTimeout(this.filterTimer);
    this.filterTimer = setTimeout(() => this.load(), delay);
  }

  render() {
    return html`<section data-page="audit" class="page audit-page">
      <h1>${t('title')}</h1>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      <div class="toolbar">
        ${['from', 'to'].map((name) => html`<label class="field">${t(name)}<input type="date"
          data-testid="audit-${name}" .value=${this.filters[name]}
          @change=${(e) => this.filter(name, e.target.value, 0)}></label>`)}
        ${TEXT_FILTERS.map((name) => html`<label class="field">${t(name)}<input type="search"
          data-testid="audit-${name}" .value=${this.filters[name]} placeholder=${name === 'action' ? t('actionHint') : ''}
          @input=${(e) => this.filter(name, e.target.value, FILTER_DELAY_MS)}></label>`)}
        <a class="button" data-testid="audit-csv" download
          href=${api.csvUrl('/api/audit', {...this.apiFilters, format: 'csv'})}>${t('csv')}</a>
      </div>
      ${this.renderTable()}
      ${this.page ? html`<loa-pager total=${this.page.total} limit=${PAGE_SIZE} offset=${this.offset}
        @page=${(e) => { this.offset = e.detail.offset; this.load(); }}></loa-pager>` : nothing}
    </section>`;
  }

  renderTable() {
    if (!this.page) {
      return this.error ? nothing : html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.page.items.length) {
      return html`<p class="muted">${t('empty')}</p>`;
    }
    return html`<div class="table-wrap"><table class="audit-table">
      <thead><tr><th>${t('at')}</th><th>${t('actor')}</th><th>${t('action')}</th><th>${t('target')}</th>
        <th>${t('detail')}</th></tr></thead>
      <tbody>${this.page.items.map((e) => html`<tr data-testid="audit-row" data-action=${e.action}>
        <td class="nowrap">${formatDateTime(e.at)}</td><td>${e.actor}</td><td><code>${e.action}</code></td>
        <td>${e.target ?? ''}</td><td class="detail">${e.detail ?? ''}</td></tr>`)}</tbody>
    </table></div>`;
  }
}
customElements.define('loa-page-audit', AuditPage);

// Broadcasts page. #/broadcasts: those on air and the recent ones, kept current by the live feed; #/broadcasts/{id}:
// one broadcast with its proof of play per speaker (paged, CSV download) and, rights permitting, a stop button.
//
// Test ids: broadcasts-active, broadcasts-recent, broadcast-row (data-broadcast-id, data-status), broadcast-stop,
// broadcast-detail (data-broadcast-id), outcome-<outcome> (count), deliveries-csv, delivery-row (data-device-id,
// data-outcome), broadcasts-back.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {OUTCOMES, endReasonWord, outcomeWord, priorityWord, sourceWord} from '../broadcasts/broadcast-words.js';
import {events} from '../events.js';
import {formatDateTime, formatDuration, formatNumber, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {session} from '../session.js';
import {areaNames, confirmAction, showToast} from '../ui.js';
import {usePageStyles} from './page-styles.js';

const t = translations({
  vi: {
    title: 'Buổi phát', active: 'Đang phát', recent: 'Gần đây', noneActive: 'Không có buổi phát nào đang diễn ra.',
    empty: 'Chưa có buổi phát nào.', loading: 'Đang tải…', name: 'Tên', priority: 'Ưu tiên', source: 'Nguồn',
    started: 'Bắt đầu', ended: 'Kết thúc', speakers: 'Loa', stop: 'Dừng',
    stopTitle: 'Dừng buổi phát «{name}»?', stopMessage: 'Các loa sẽ quay lại chương trình lẽ ra đang phát, hoặc im lặng.',
    stopped: 'Đã dừng «{name}».', onAirNow: '{holding}/{targeted} loa đang giữ', endedBecause: '{at} ({reason})',
    back: '‹ Tất cả buổi phát', proof: 'Bằng chứng phát theo từng loa', csv: 'Tải CSV', device: 'Loa', area: 'Khu vực',
    outcome: 'Kết quả', played: 'Đã phát', loss: 'Mất gói', jitter: 'Dao động trễ', from: 'Từ', to: 'Đến',
    reason: 'Lý do', noDeliveries: 'Chưa có loa nào được giao buổi phát này.', targets: 'Nơi phát',
    createdBy: 'Do {name} phát lúc {at}', scheduled: 'Theo lịch #{id}',
  },
  en: {
    title: 'Broadcasts', active: 'On air', recent: 'Recent', noneActive: 'Nothing is on air.',
    empty: 'No broadcasts yet.', loading: 'Loading…', name: 'Name', priority: 'Priority', source: 'Source',
    started: 'Started', ended: 'Ended', speakers: 'Speakers', stop: 'Stop',
    stopTitle: 'Stop the broadcast “{name}”?', stopMessage: 'Its speakers go back to what they would play, or fall silent.',
    stopped: 'Stopped “{name}”.', onAirNow: '{holding}/{targeted} speakers held', endedBecause: '{at} ({reason})',
    back: '‹ All broadcasts', proof: 'Proof of play per speaker', csv: 'Download CSV', device: 'Speaker', area: 'Area',
    outcome: 'Outcome', played: 'Played', loss: 'Loss', jitter: 'Jitter', from: 'From', to: 'To',
    reason: 'Reason', noDeliveries: 'No speaker was given this broadcast yet.', targets: 'Targets',
    createdBy: 'Started by {name} at {at}', scheduled: 'From schedule #{id}',
  },
});

const RECENT_PAGE = 25;
const DELIVERY_PAGE = 50;
/** While a broadcast is on air its detail refreshes this often (proof of play changes as speakers report). */
const DETAIL_REFRESH_MS = 5000;
/** Feed events arrive in bursts (an area's speakers); one reload follows them. */
const RELOAD_DELAY_MS = 300;
const FEED_EVENTS = ['ready', 'broadcast.started', 'broadcast.ended', 'emergency.started', 'emergency.ended'];

class BroadcastsPage extends LoaElement {
  static properties = {
    params: {attribute: false},
    active: {state: true},
    recent: {state: true},
    offset: {state: true},
    broadcast: {state: true},
    deliveries: {state: true},
    deliveryOffset: {state: true},
    error: {state: true},
    areaNamesById: {state: true},
  };

  constructor() {
    super();
    this.params = [];
    this.offset = 0;
    this.deliveryOffset = 0;
    this.areaNamesById = new Map();
  }

  get broadcastId() {
    return this.params?.[0] ?? null;
  }

  connectedCallback() {
    super.connectedCallback();
    usePageStyles('broadcasts');
    FEED_EVENTS.forEach((type) => this.whileConnected(events.on(type, () => this.reloadSoon())));
    areaNames().then((names) => {
      this.areaNamesById = names;
    }, (error) => {
      this.error = error;
    });
    if (this.broadcastId) {
      const timer = setInterval(() => this.broadcast?.status === 'active' && this.load(), DETAIL_REFRESH_MS);
      this.whileConnected(() => clearInterval(timer));
    }
    this.whileConnected(() => clearTimeout(this.reloadTimer));
    this.load();
  }

  reloadSoon() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.load(), RELOAD_DELAY_MS);
  }

  async load() {
    try {
      if (this.broadcastId) {
        const id = encodeURIComponent(this.broadcastId);
        [this.broadcast, this.deliveries] = await Promise.all([api.get(`/api/broadcasts/${id}`),
          api.get(`/api/broadcasts/${id}/deliveries`, {limit: DELIVERY_PAGE, offset: this.deliveryOffset})]);
      } else {
        [this.active, this.recent] = await Promise.all([api.get('/api/broadcasts', {active: true, limit: 100}),
          api.get('/api/broadcasts', {limit: RECENT_PAGE, offset: this.offset})]);
      }
    } catch (error) {
      this.error = error;
    }
  }

  mayStop(broadcast) {
    return broadcast.status === 'active'
      && session.can(broadcast.priority === 'EMERGENCY' ? 'approver' : 'operator');
  }

  async stop(broadcast) {
    if (!await confirmAction({title: t('stopTitle', {name: broadcast.name}), message: t('stopMessage'),
      confirmLabel: t('stop'), danger: true})) {
      return;
    }
    try {
      await api.del(`/api/broadcasts/${encodeURIComponent(broadcast.id)}`);
      showToast(t('stopped', {name: broadcast.name}));
      this.load();
    } catch (error) {
      this.error = error;
    }
  }

  render() {
    return html`<section data-page="broadcasts" class="page broadcasts-page">
      <h1>${t('title')}</h1>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      ${this.broadcastId ? this.renderDetail() : this.renderLists()}
    </section>`;
  }

  renderLists() {
    return html`<h2>${t('active')}</h2>
      <div data-testid="broadcasts-active">${this.renderTable(this.active?.items, t('noneActive'))}</div>
      <h2>${t('recent')}</h2>
      <div data-testid="broadcasts-recent">${this.renderTable(this.recent?.items, t('empty'))}</div>
      ${this.recent ? html`<loa-pager total=${this.recent.total} limit=${RECENT_PAGE} offset=${this.offset}
        @page=${(e) => { this.offset = e.detail.offset; this.load(); }}></loa-pager>` : nothing}`;
  }

  renderTable(items, emptyText) {
    if (!items) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!items.length) {
      return html`<p class="muted">${emptyText}</p>`;
    }
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${t('name')}</th><th>${t('priority')}</th><th>${t('source')}</th><th>${t('started')}</th>
        <th>${t('ended')}</th><th>${t('speakers')}</th><th></th></tr></thead>
      <tbody>${items.map((b) => html`<tr data-testid="broadcast-row" data-broadcast-id=${b.id} data-status=${b.status}>
        <td><a href="#/broadcasts/${encodeURIComponent(b.id)}">${b.name}</a></td>
        <td><span class="badge badge-${b.priority.toLowerCase()}">${priorityWord(b.priority)}</span></td>
        <td>${sourceWord(b.source)}</td>
        <td>${formatDateTime(b.createdAt)}<br><span class="muted">${b.createdBy}</span></td>
        <td>${b.endedAt ? t('endedBecause', {at: formatDateTime(b.endedAt), reason: endReasonWord(b.endReason)})
          : html`<loa-status-badge status="on-air"></loa-status-badge>`}</td>
        <td>${b.onAir ? t('onAirNow', {holding: formatNumber(b.onAir.holding), targeted: formatNumber(b.onAir.targeted)})
          : '—'}</td>
        <td class="actions-cell">${this.mayStop(b) ? html`<button type="button" class="danger"
          data-testid="broadcast-stop" @click=${() => this.stop(b)}>${t('stop')}</button>` : nothing}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  renderDetail() {
    const b = this.broadcast;
    if (!b) {
      return html`<a href="#/broadcasts" data-testid="broadcasts-back">${t('back')}</a>
        <p class="muted">${t('loading')}</p>`;
    }
    return html`<a href="#/broadcasts" data-testid="broadcasts-back">${t('back')}</a>
      <div class="card broadcast-detail" data-testid="broadcast-detail" data-broadcast-id=${b.id}>
        <h2>${b.name} <span class="badge badge-${b.priority.toLowerCase()}">${priorityWord(b.priority)}</span>
          ${b.status === 'active' ? html`<loa-status-badge status="on-air"></loa-status-badge>` : nothing}</h2>
        <p>${sourceWord(b.source)} · ${t('createdBy', {name: b.createdBy, at: formatDateTime(b.createdAt)})}
          ${b.scheduleId ? html` · ${t('scheduled', {id: b.scheduleId})}` : nothing}</p>
        <p>${t('targets')}: ${this.targetText(b.targets)}</p>
        ${b.endedAt ? html`<p>${t('ended')}: ${t('endedBecause', {at: formatDateTime(b.endedAt),
          reason: endReasonWord(b.endReason)})}</p>` : nothing}
        <div class="stats">${OUTCOMES.filter((o) => b.outcomes?.[o]).map((o) => html`<div class="stat outcome-${o}">
          <span class="value" data-testid="outcome-${o}">${formatNumber(b.outcomes[o])}</span>
          <span class="muted">${outcomeWord(o)}</span></div>`)}</div>
        ${this.mayStop(b) ? html`<div class="actions"><button type="button" class="danger" data-testid="broadcast-stop"
          @click=${() => this.stop(b)}>${t('stop')}</button></div>` : nothing}
      </div>
      <div class="page-header"><h2>${t('proof')}</h2>
        <a class="button" data-testid="deliveries-csv" download
          href=${api.csvUrl(`/api/broadcasts/${encodeURIComponent(b.id)}/deliveries`, {format: 'csv'})}>${t('csv')}</a>
      </div>
      ${this.renderDeliveries()}`;
  }

  targetText(targets = {}) {
    const areas = (targets.areas ?? []).map((id) => this.areaNamesById.get(Number(id)) ?? id);
    return [...areas, ...(targets.groups ?? []).map((id) => `#${id}`), ...(targets.devices ?? [])].join(', ') || '—';
  }

  renderDeliveries() {
    const page = this.deliveries;
    if (!page) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!page.items.length) {
      return html`<p class="muted">${t('noDeliveries')}</p>`;
    }
    return html`<div class="table-wrap"><table class="deliveries">
        <thead><tr><th>${t('device')}</th><th>${t('area')}</th><th>${t('outcome')}</th><th>${t('played')}</th>
          <th>${t('loss')}</th><th>${t('jitter')}</th><th>${t('from')}</th><th>${t('to')}</th><th>${t('reason')}</th></tr></thead>
        <tbody>${page.items.map((d) => html`<tr data-testid="delivery-row" data-device-id=${d.deviceId}
          data-outcome=${d.outcome}>
          <td><a href="#/speakers/${encodeURIComponent(d.deviceId)}">${d.deviceId}</a></td>
          <td>${this.areaNamesById.get(d.areaId) ?? d.areaId ?? '—'}</td>
          <td><span class="badge outcome-${d.outcome}">${outcomeWord(d.outcome)}</span></td>
          <td>${formatDuration(d.secondsPlayed)}</td>
          <td>${d.lossFraction == null ? '—' : formatNumber(d.lossFraction, {style: 'percent', maximumFractionDigits: 1})}</td>
          <td>${d.jitterMillis == null ? '—' : `${formatNumber(d.jitterMillis, {maximumFractionDigits: 1})} ms`}</td>
          <td>${formatDateTime(d.firstStartedAt)}</td>
          <td>${formatDateTime(d.lastEndedAt)}</td>
          <td class="muted">${d.reason ?? ''}</td>
        </tr>`)}</tbody>
      </table></div>
      <loa-pager total=${page.total} limit=${DELIVERY_PAGE} offset=${this.deliveryOffset}
        @page=${(e) => { this.deliveryOffset = e.detail.offset; this.load(); }}></loa-pager>`;
  }
}
customElements.define('loa-page-broadcasts', BroadcastsPage);

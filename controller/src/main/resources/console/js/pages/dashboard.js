// Dashboard (#/dashboard[?area=<id>]): speakers online/offline/pending in the chosen area (default: the user's
// scope), one row per child area with a drill-down, broadcasts on air, alarms and a live activity list, all kept
// current from /api/events without reloading: counts are read again (at most once a second) after presence,
// broadcast and alarm events and after every (re)connection (`ready`).
//
// Test ids: totals-total, totals-online, totals-offline, totals-pending (text = the number); area-row (attribute
// data-area-id); area-drill (link into a child area); emergencies (shown only during one); active-broadcasts,
// broadcast-item (data-broadcast-id); alarms, alarm-item (data-alarm-key); activity (each item
// data-event="<type>", shows the device's name or serial).
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {events} from '../events.js';
import {formatDateTime, formatNumber, formatTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {hashFor} from '../routes.js';
import {session} from '../session.js';
import {loadAreas, showError} from '../ui.js';

const t = translations({
  vi: {
    title: 'Tổng quan', whole: 'Toàn hệ thống', total: 'Tổng số cụm loa', online: 'Trực tuyến',
    offline: 'Mất kết nối', pending: 'Chờ duyệt', areas: 'Theo khu vực', area: 'Khu vực', kind: 'Cấp',
    share: 'Tỉ lệ trực tuyến', noAreas: 'Khu vực này không có khu vực con.', speakers: 'Xem loa',
    drill: 'Xem {name}', onAir: 'Đang phát', noBroadcasts: 'Không có bản tin nào đang phát.', alarms: 'Cảnh báo',
    noAlarms: 'Không có cảnh báo.', activity: 'Hoạt động trực tiếp', noActivity: 'Chưa có sự kiện nào từ khi mở trang.',
    since: 'từ {time}', speakersCount: '{count} loa', loading: 'Đang tải…',
    'kind.province': 'Tỉnh/thành', 'kind.district': 'Huyện', 'kind.commune': 'Xã', 'kind.ward': 'Phường',
    'kind.village': 'Thôn/tổ', 'kind.other': 'Khác',
    'priority.NORMAL': 'Thường', 'priority.PRIORITY': 'Ưu tiên', 'priority.EMERGENCY': 'Khẩn cấp',
    'event.device.online': '{name} trực tuyến trở lại', 'event.device.offline': '{name} mất kết nối',
    'event.broadcast.started': 'Bắt đầu phát “{name}”', 'event.broadcast.ended': 'Kết thúc “{name}”',
    'event.emergency.started': 'KHẨN CẤP: bắt đầu “{name}”', 'event.emergency.ended': 'Kết thúc khẩn cấp “{name}”',
    'event.alarm.raised': 'Cảnh báo: {name}', 'event.alarm.cleared': 'Hết cảnh báo: {name}',
  },
  en: {
    title: 'Dashboard', whole: 'Whole installation', total: 'Speakers', online: 'Online', offline: 'Offline',
    pending: 'Pending approval', areas: 'By area', area: 'Area', kind: 'Level', share: 'Online share',
    noAreas: 'This area has no child areas.', speakers: 'Speakers', drill: 'Open {name}', onAir: 'On air',
    noBroadcasts: 'Nothing is on air.', alarms: 'Alarms', noAlarms: 'No alarms.', activity: 'Live activity',
    noActivity: 'No events since this page opened.', since: 'since {time}', speakersCount: 'speakers: {count}',
    loading: 'Loading…',
    'kind.province': 'Province', 'kind.district': 'District', 'kind.commune': 'Commune', 'kind.ward': 'Ward',
    'kind.village': 'Village', 'kind.other': 'Other',
    'priority.NORMAL': 'Normal', 'priority.PRIORITY': 'Priority', 'priority.EMERGENCY': 'Emergency',
    'event.device.online': '{name} is back online', 'event.device.offline': '{name} went offline',
    'event.broadcast.started': '“{name}” went on air', 'event.broadcast.ended': '“{name}” ended',
    'event.emergency.started': 'EMERGENCY: “{name}” on air', 'event.emergency.ended': 'Emergency “{name}” ended',
    'event.alarm.raised': 'Alarm: {name}', 'event.alarm.cleared': 'Alarm cleared: {name}',
  },
});

/** Events after which the counts, broadcasts and alarms are read again. */
const WATCHED = ['device.online', 'device.offline', 'broadcast.started', 'broadcast.ended', 'emergency.started',
  'emergency.ended', 'alarm.raised', 'alarm.cleared'];
/** A burst of events (a whole commune going offline) costs one reload per this interval. */
const RELOAD_INTERVAL_MS = 1000;
/** Devices in the activity list are named this long after their events, when a burst is over. */
const NAMING_DELAY_MS = 300;
/** The activity list keeps this many newest events. */
const ACTIVITY_LIMIT = 50;
/** Broadcasts and alarms shown; the dashboard answers up to 100 of each. */
const LIST_LIMIT = 20;

function kindLabel(kind) {
  return t(`kind.${kind}`);
}

function priorityBadge(priority) {
  return html`<span class="badge badge-${(priority || 'NORMAL').toLowerCase()}">${t(`priority.${priority}`)}</span>`;
}

class DashboardPage extends LoaElement {
  static properties = {
    params: {attribute: false},
    query: {attribute: false},
    board: {state: true},
    activity: {state: true},
    trail: {state: true},
    error: {state: true},
  };

  constructor() {
    super();
    this.activity = [];
    this.deviceNames = new Map();
    this.nextActivityId = 1;
  }

  get areaId() {
    const raw = this.query?.get('area');
    return raw ? Number(raw) : null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.whileConnected(events.on('ready', () => this.reload()));
    WATCHED.forEach((type) => this.whileConnected(events.on(type, (data) => this.happened(type, data))));
    this.whileConnected(() => {
      clearTimeout(this.reloadTimer);
      clearTimeout(this.namingTimer);
    });
    this.reload();
  }

  /** Reads the counts, broadcasts and alarms of the area in one request. */
  reload() {
    this.lastReload = Date.now();
    this.reloadTimer = null;
    const area = this.areaId;
    api.get('/api/dashboard', {area}).then((board) => {
      this.board = board;
      this.error = null;
    }, (error) => { this.error = error; });
    this.loadTrail(area);
  }

  /** The area's ancestors inside the user's scope, for the breadcrumbs. */
  async loadTrail(areaId) {
    if (areaId === null) {
      this.trail = [];
      return;
    }
    try {
      const areas = await loadAreas();
      const area = areas.find((a) => a.id === areaId);
      const ids = area ? area.path.split('/').filter(Boolean).map(Number) : [];
      // the scope's root is the first crumb already; areas above it are not the user's to open
      this.trail = ids.filter((id) => id !== session.scopeAreaId).map((id) => areas.find((a) => a.id === id))
        .filter(Boolean);
    } catch (error) {
      showError(error);
    }
  }

  scheduleReload() {
    if (this.reloadTimer) {
      return;
    }
    const wait = Math.max(0, RELOAD_INTERVAL_MS - (Date.now() - this.lastReload));
    this.reloadTimer = setTimeout(() => this.reload(), wait);
  }

  happened(type, data) {
    this.scheduleReload();
    const item = {id: this.nextActivityId++, type, at: data.at || data.raisedAt || new Date().toISOString(), data};
    this.activity = [item, ...this.activity].slice(0, ACTIVITY_LIMIT);
    if (data.deviceId && !this.namingTimer) {
      this.namingTimer = setTimeout(() => this.nameListedDevices(), NAMING_DELAY_MS);
    }
  }

  /**
   * Names the devices in the activity list, each read once and shown by id until the answer comes. Done a moment
   * after the events, for those still listed then: a province going offline at once costs a list's worth of reads.
   */
  nameListedDevices() {
    this.namingTimer = null;
    const unknown = new Set(this.activity.map((item) => item.data.deviceId)
      .filter((id) => id && !this.deviceNames.has(id)));
    unknown.forEach((id) => {
      this.deviceNames.set(id, null);
      api.get(`/api/devices/${encodeURIComponent(id)}`).then((device) => {
        this.deviceNames.set(id, device.name || device.serial);
        this.requestUpdate();
      }, () => this.deviceNames.delete(id));
    });
  }

  activityText(item) {
    const d = item.data;
    const name = d.deviceId ? (this.deviceNames.get(d.deviceId) || d.deviceId) : (d.name || d.subject || d.message || '');
    return t(`event.${item.type}`, {name});
  }

  renderTotals() {
    const totals = this.board?.totals;
    const stat = (key, css, label) => html`<div class="stat ${css}"><span class="muted">${label}</span>
      <span class="value" data-testid="totals-${key}">${totals ? totals[key] : '…'}</span></div>`;
    return html`<div class="stats">
      ${stat('total', '', t('total'))}${stat('online', 'ok', t('online'))}
      ${stat('offline', totals?.offline ? 'bad' : '', t('offline'))}${stat('pending', totals?.pending ? 'warn' : '', t('pending'))}
    </div>`;
  }

  renderAreas() {
    const areas = this.board?.areas;
    if (!areas) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!areas.length) {
      return html`<p class="empty">${t('noAreas')}</p>`;
    }
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${t('area')}</th><th>${t('kind')}</th><th class="num">${t('total')}</th>
        <th class="num">${t('online')}</th><th class="num">${t('offline')}</th><th class="num">${t('pending')}</th>
        <th>${t('share')}</th><th></th></tr></thead>
      <tbody>${areas.map((a) => {
        const share = a.total ? a.online / a.total : 0;
        return html`<tr data-testid="area-row" data-area-id=${a.id}>
          <td><a href=${hashFor('dashboard', [], {area: a.id})} data-testid="area-drill"
            aria-label=${t('drill', {name: a.name})}>${a.name}</a></td>
          <td>${kindLabel(a.kind)}</td>
          <td class="num">${formatNumber(a.total)}</td>
          <td class="num">${formatNumber(a.online)}</td>
          <td class="num ${a.offline ? 'bad-text' : ''}">${formatNumber(a.offline)}</td>
          <td class="num">${formatNumber(a.pending)}</td>
          <td class="nowrap"><progress max="1" .value=${share} aria-label=${t('share')}></progress>
            ${formatNumber(share, {style: 'percent', maximumFractionDigits: 0})}</td>
          <td class="nowrap"><a href=${hashFor('speakers', [], {area: a.id})}>${t('speakers')}</a></td>
        </tr>`;
      })}</tbody></table></div>`;
  }

  renderBroadcasts() {
    const broadcasts = this.board?.activeBroadcasts;
    if (!broadcasts) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!broadcasts.length) {
      return html`<p class="empty">${t('noBroadcasts')}</p>`;
    }
    return html`<ul class="plain-list">${broadcasts.slice(0, LIST_LIMIT).map((b) => html`<li data-testid="broadcast-item"
        data-broadcast-id=${b.id}>
      ${priorityBadge(b.priority)} <a href=${hashFor('broadcasts', [b.id])}>${b.name}</a>
      <span class="muted small">${t('since', {time: formatDateTime(b.createdAt)})}
        ${b.onAir ? ` · ${t('speakersCount', {count: formatNumber(b.onAir.holding ?? b.onAir.targeted)})}` : ''}</span>
    </li>`)}</ul>`;
  }

  renderAlarms() {
    const alarms = this.board?.alarms;
    if (!alarms) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!alarms.length) {
      return html`<p class="empty">${t('noAlarms')}</p>`;
    }
    return html`<ul class="plain-list">${alarms.slice(0, LIST_LIMIT).map((a) => html`<li data-testid="alarm-item" data-alarm-key=${a.key}>
      <span class="badge badge-failed">${a.kind}</span> <strong>${a.subject}</strong> ${a.message ?? ''}
      <span class="muted small">${formatDateTime(a.raisedAt)}</span></li>`)}</ul>`;
  }

  renderEmergencies() {
    const emergencies = this.board?.emergencies ?? [];
    return emergencies.length ? html`<div class="emergency-notice" role="status" data-testid="emergencies">
      ${emergencies.map((b) => html`<p><strong>${t('priority.EMERGENCY')}:</strong>
        <a href=${hashFor('broadcasts', [b.id])}>${b.name}</a> · ${t('since', {time: formatDateTime(b.createdAt)})}</p>`)}
    </div>` : nothing;
  }

  renderActivity() {
    return html`<ul class="activity" data-testid="activity" aria-live="polite">
      ${this.activity.length ? this.activity.map((item) => html`<li data-event=${item.type}
          data-device-id=${item.data.deviceId ?? nothing}>
        <time datetime=${item.at}>${formatTime(item.at)}</time>
        <span class="event-${item.type.replace('.', '-')}">${this.activityText(item)}</span></li>`)
        : html`<li class="muted">${t('noActivity')}</li>`}
    </ul>`;
  }

  renderTrail() {
    const board = this.board;
    const trail = this.trail ?? [];
    return html`<nav class="breadcrumbs" aria-label=${t('area')}>
      <a href=${hashFor('dashboard')}>${session.scopeAreaId == null ? t('whole') : session.user.areaName}</a>
      ${trail.map((a) => html`<span aria-hidden="true">›</span>${a.id === this.areaId ? html`<strong>${a.name}</strong>`
        : html`<a href=${hashFor('dashboard', [], {area: a.id})}>${a.name}</a>`}`)}
      ${board?.area && this.areaId !== null && !trail.length
        ? html`<span aria-hidden="true">›</span><strong>${board.area.name}</strong>` : nothing}
    </nav>`;
  }

  render() {
    return html`<section data-page="dashboard">
      <div class="page-header"><h1>${t('title')}${this.board?.area ? html` · ${this.board.area.name}` : nothing}</h1></div>
      ${this.renderTrail()}
      ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
      ${this.renderEmergencies()}
      ${this.renderTotals()}
      <div class="grid grid-dashboard">
        <div class="card"><h2>${t('areas')}</h2>${this.renderAreas()}</div>
        <div>
          <div class="card" data-testid="active-broadcasts"><h2>${t('onAir')}</h2>${this.renderBroadcasts()}</div>
          <div class="card" data-testid="alarms"><h2>${t('alarms')}</h2>${this.renderAlarms()}</div>
          <div class="card"><h2>${t('activity')}</h2>${this.renderActivity()}</div>
        </div>
      </div>
    </section>`;
  }
}
customElements.define('loa-page-dashboard', DashboardPage);

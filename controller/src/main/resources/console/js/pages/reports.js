// Reports page: airtime per commune and day (stacked bar chart + table of minutes on air) and uptime per speaker
// (sortable table with an online-share bar), for a date range and an area of the user's scope, each with its CSV.
//
// Test ids: report-from, report-to, report-area, airtime-chart, airtime-table, airtime-row (data-area-id),
// airtime-csv, uptime-table, uptime-row (data-device-id), uptime-sort-<column>, uptime-csv.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatDate, formatDateTime, formatNumber, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {addDays, today} from '../schedules/week-dates.js';
import {MAX_PAGE} from '../ui.js';
import {usePageStyles} from './page-styles.js';

const t = translations({
  vi: {
    title: 'Báo cáo', from: 'Từ ngày', to: 'Đến ngày', area: 'Khu vực', airtime: 'Thời lượng phát theo xã và ngày',
    minutes: 'Số phút phát', csv: 'Tải CSV', loading: 'Đang tải…', noAirtime: 'Không có buổi phát nào trong khoảng này.',
    areaCol: 'Xã / phường', total: 'Tổng (phút)', broadcasts: 'Buổi phát', reached: 'Loa đã phát (nhiều nhất/ngày)', silent: 'Loa im lặng (nhiều nhất/ngày)',
    uptime: 'Thời gian hoạt động của loa', noUptime: 'Không có loa nào.', device: 'Loa', online: 'Thời gian trực tuyến',
    disconnects: 'Số lần mất kết nối', lastSeen: 'Lần cuối thấy', truncated: 'Hiển thị {shown}/{total} loa; tệp CSV có đủ.',
    sortBy: 'Sắp xếp theo {column}',
  },
  en: {
    title: 'Reports', from: 'From', to: 'To', area: 'Area', airtime: 'Airtime per commune and day',
    minutes: 'Minutes on air', csv: 'Download CSV', loading: 'Loading…', noAirtime: 'Nothing was broadcast in this period.',
    areaCol: 'Commune / ward', total: 'Total (min)', broadcasts: 'Broadcasts', reached: 'Speakers reached (most/day)', silent: 'Silent speakers (most/day)',
    uptime: 'Speaker uptime', noUptime: 'No speakers.', device: 'Speaker', online: 'Online share',
    disconnects: 'Disconnects', lastSeen: 'Last seen', truncated: 'Showing {shown} of {total} speakers; the CSV has them all.',
    sortBy: 'Sort by {column}',
  },
});

/** The default period: the last seven days, today included. */
const DEFAULT_DAYS = 7;
/** Longest airtime period the server accepts (AirtimeReport.MAX_PERIOD). */
const MAX_AIRTIME_DAYS = 93;
const UPTIME_COLUMNS = {
  name: (r) => (r.name || r.serial || r.id).toLocaleLowerCase('vi'),
  area: (r) => (r.areaName ?? '').toLocaleLowerCase('vi'),
  onlineShare: (r) => r.onlineShare,
  disconnects: (r) => r.disconnects,
  lastSeen: (r) => r.lastSeen ?? '',
};

class ReportsPage extends LoaElement {
  static properties = {
    from: {state: true},
    to: {state: true},
    area: {state: true},
    airtime: {state: true},
    uptime: {state: true},
    sort: {state: true},
    error: {state: true},
  };

  constructor() {
    super();
    this.to = today();
    this.from = addDays(this.to, 1 - DEFAULT_DAYS);
    this.area = null;
    this.sort = {column: 'onlineShare', ascending: true}; // the least available speakers first
  }

  connectedCallback() {
    super.connectedCallback();
    usePageStyles('reports');
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  get period() {
    return {from: this.from, to: this.to, area: this.area};
  }

  async load() {
    this.error = null;
    try {
      [this.airtime, this.uptime] = await Promise.all([api.get('/api/reports/airtime', this.period),
        api.get('/api/reports/uptime', {...this.period, limit: MAX_PAGE})]);
    } catch (error) {
      this.error = error;
    }
  }

  change(changes) {
    Object.assign(this, changes);
    if (this.from && this.to) {
      this.load();
    }
  }

  /** The days of the period and, per area, minutes on air per day. */
  airtimeTable() {
    const days = [];
    for (let day = this.from; day <= this.to; day = addDays(day, 1)) {
      days.push(day);
    }
    const areas = new Map();
    this.airtime.items.forEach((r) => {
      if (!areas.has(r.areaId)) {
        areas.set(r.areaId, {id: r.areaId, name: r.areaName, minutes: new Map(), broadcasts: 0, reached: 0, silent: 0});
      }
      const area = areas.get(r.areaId);
      area.minutes.set(r.day, (area.minutes.get(r.day) ?? 0) + r.secondsOnAir / 60);
      area.broadcasts += r.broadcasts;
      area.reached = Math.max(area.reached, r.speakersReached);
      area.silent = Math.max(area.silent, r.speakersSilent);
    });
    return {days, areas: [...areas.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'))};
  }

  updated() {
    this.drawChart();
  }

  drawChart() {
    const canvas = this.querySelector('[data-testid="airtime-chart"]');
    if (!canvas || !this.airtime?.items.length) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
    const {days, areas} = this.airtimeTable();
    const data = {
      labels: days.map((d) => formatDate(`${d}T12:00:00Z`)),
      datasets: areas.map((a) => ({label: a.name, data: days.map((d) => roundMinutes(a.minutes.get(d) ?? 0))})),
    };
    if (this.chart?.canvas === canvas) {
      this.chart.data = data;
      this.chart.options.scales.y.title.text = t('minutes');
      this.chart.update('none');
      return;
    }
    this.chart?.destroy();
    this.chart = new window.Chart(canvas, {
      type: 'bar',
      data,
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, title: {display: true, text: t('minutes')}}},
        plugins: {legend: {position: 'bottom'}},
      },
    });
  }

  render() {
    return html`<section data-page="reports" class="page reports-page">
      <h1>${t('title')}</h1>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      <div class="toolbar">
        <label class="field">${t('from')}<input type="date" data-testid="report-from" .value=${this.from}
          max=${this.to} @change=${(e) => this.change({from: e.target.value})}></label>
        <label class="field">${t('to')}<input type="date" data-testid="report-to" .value=${this.to} min=${this.from}
          max=${addDays(this.from, MAX_AIRTIME_DAYS - 1)} @change=${(e) => this.change({to: e.target.value})}></label>
        <loa-area-picker data-testid="report-area" all-option label=${t('area')} .value=${this.area}
          @change=${(e) => this.change({area: e.detail.value})}></loa-area-picker>
      </div>
      <div class="page-header"><h2>${t('airtime')}</h2>
        <a class="button" data-testid="airtime-csv" download
          href=${api.csvUrl('/api/reports/airtime', {...this.period, format: 'csv'})}>${t('csv')}</a></div>
      ${this.renderAirtime()}
      <div class="page-header"><h2>${t('uptime')}</h2>
        <a class="button" data-testid="uptime-csv" download
          href=${api.csvUrl('/api/reports/uptime', {...this.period, format: 'csv'})}>${t('csv')}</a></div>
      ${this.renderUptime()}
    </section>`;
  }

  renderAirtime() {
    if (!this.airtime) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.airtime.items.length) {
      return html`<p class="muted">${t('noAirtime')}</p>`;
    }
    const {days, areas} = this.airtimeTable();
    return html`<div class="chart-box"><canvas data-testid="airtime-chart" role="img" aria-label=${t('airtime')}></canvas></div>
      <div class="table-wrap"><table data-testid="airtime-table">
        <thead><tr><th>${t('areaCol')}</th>${days.map((d) => html`<th class="num">${formatDate(`${d}T12:00:00Z`)
          .slice(0, 5)}</th>`)}<th class="num">${t('total')}</th><th class="num">${t('broadcasts')}</th>
          <th class="num">${t('reached')}</th><th class="num">${t('silent')}</th></tr></thead>
        <tbody>${areas.map((a) => html`<tr data-testid="airtime-row" data-area-id=${a.id}><th>${a.name}</th>
          ${days.map((d) => html`<td class="num">${a.minutes.has(d) ? formatMinutes(a.minutes.get(d)) : '—'}</td>`)}
          <td class="num"><strong>${formatMinutes([...a.minutes.values()].reduce((s, m) => s + m, 0))}</strong></td>
          <td class="num">${formatNumber(a.broadcasts)}</td><td class="num">${formatNumber(a.reached)}</td>
          <td class="num">${formatNumber(a.silent)}</td></tr>`)}</tbody>
      </table></div>`;
  }

  sortBy(column) {
    this.sort = {column, ascending: this.sort.column === column ? !this.sort.ascending : true};
  }

  sortedUptime() {
    const key = UPTIME_COLUMNS[this.sort.column];
    const direction = this.sort.ascending ? 1 : -1;
    return [...this.uptime.items].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  }

  renderUptime() {
    if (!this.uptime) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.uptime.items.length) {
      return html`<p class="muted">${t('noUptime')}</p>`;
    }
    const header = (column, label) => {
      const arrow = this.sort.column === column ? (this.sort.ascending ? ' ▲' : ' ▼') : '';
      return html`<th aria-sort=${this.sort.column === column ? (this.sort.ascending ? 'ascending' : 'descending') : 'none'}>
        <button type="button" class="link" data-testid="uptime-sort-${column}"
          title=${t('sortBy', {column: label})} @click=${() => this.sortBy(column)}>${label}${arrow}</button></th>`;
    };
    return html`${this.uptime.total > this.uptime.items.length ? html`<p class="muted">${t('truncated',
        {shown: formatNumber(this.uptime.items.length), total: formatNumber(this.uptime.total)})}</p>` : nothing}
      <div class="table-wrap"><table data-testid="uptime-table">
        <thead><tr>${header('name', t('device'))}${header('area', t('area'))}${header('onlineShare', t('online'))}
          ${header('disconnects', t('disconnects'))}${header('lastSeen', t('lastSeen'))}</tr></thead>
        <tbody>${this.sortedUptime().map((r) => html`<tr data-testid="uptime-row" data-device-id=${r.id}>
          <td><a href="#/speakers/${encodeURIComponent(r.id)}">${r.name || r.serial}</a>
            <br><span class="muted">${r.serial}</span></td>
          <td>${r.areaName ?? '—'}</td>
          <td class="share"><meter min="0" max="1" low="0.9" high="0.99" optimum="1" .value=${r.onlineShare}></meter>
            ${formatNumber(r.onlineShare, {style: 'percent', maximumFractionDigits: 1})}</td>
          <td class="num">${formatNumber(r.disconnects)}</td>
          <td>${formatDateTime(r.lastSeen)}</td>
        </tr>`)}</tbody>
      </table></div>`;
  }
}
customElements.define('loa-page-reports', ReportsPage);

/** Minutes to a tenth: a short bulletin still shows (0.2 min) instead of rounding to nothing. */
function roundMinutes(minutes) {
  return Math.round(minutes * 10) / 10;
}

function formatMinutes(minutes) {
  return formatNumber(roundMinutes(minutes), {maximumFractionDigits: 1});
}

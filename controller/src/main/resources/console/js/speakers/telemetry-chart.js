// <loa-telemetry-chart .deviceId>: a speaker's telemetry as a Chart.js line chart (window.Chart, loaded by
// index.html): volume and temperature on the left axis, signal strength on the right. The last 24 hours come as raw
// samples, the last 7 days as hourly averages. Test ids: telemetry-range-24h, telemetry-range-7d, telemetry-chart
// (the canvas; attribute data-points = samples shown).
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatDateTime, formatTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';

const t = translations({
  vi: {
    day: '24 giờ', week: '7 ngày', volume: 'Âm lượng (%)', temperature: 'Nhiệt độ (°C)', signal: 'Tín hiệu (dBm)',
    empty: 'Chưa có số liệu đo đạc trong khoảng này.', loading: 'Đang tải…', range: 'Khoảng thời gian',
  },
  en: {
    day: '24 hours', week: '7 days', volume: 'Volume (%)', temperature: 'Temperature (°C)', signal: 'Signal (dBm)',
    empty: 'No telemetry in this period.', loading: 'Loading…', range: 'Period',
  },
});

const HOUR_MS = 3600 * 1000;
const RANGES = {
  '24h': {spanMs: 24 * HOUR_MS, resolution: 'raw', label: 'day'},
  '7d': {spanMs: 7 * 24 * HOUR_MS, resolution: 'hourly', label: 'week'},
};

class TelemetryChart extends LoaElement {
  static properties = {deviceId: {attribute: false}, range: {state: true}, points: {state: true}, error: {state: true}};

  constructor() {
    super();
    this.range = '24h';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  async load() {
    const range = RANGES[this.range];
    const to = new Date();
    const from = new Date(to.getTime() - range.spanMs);
    this.points = null;
    try {
      const telemetry = await api.get(`/api/devices/${encodeURIComponent(this.deviceId)}/telemetry`,
        {from: from.toISOString(), to: to.toISOString(), resolution: range.resolution});
      this.points = telemetry.items;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  choose(range) {
    if (range !== this.range) {
      this.range = range;
      this.load();
    }
  }

  updated() {
    const canvas = this.querySelector('canvas');
    if (!canvas || !window.Chart) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
    const series = (key) => this.points.map((p) => ({x: Date.parse(p.ts), y: p[key] ?? null}));
    const datasets = [
      {label: t('volume'), data: series('volume'), borderColor: '#0969da', yAxisID: 'y'},
      {label: t('temperature'), data: series('temperatureC'), borderColor: '#b3261e', yAxisID: 'y'},
      {label: t('signal'), data: series('signalDbm'), borderColor: '#1a7f37', yAxisID: 'signal'},
    ].map((d) => ({...d, backgroundColor: d.borderColor, pointRadius: 0, borderWidth: 2, spanGaps: false}));
    const tick = this.range === '24h' ? (v) => formatTime(v).slice(0, 5) : (v) => formatDateTime(v).slice(0, 5);
    if (this.chart && this.chart.canvas === canvas) {
      this.chart.data.datasets = datasets;
      this.chart.options.scales.x.ticks.callback = tick;
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.chart = new window.Chart(canvas, {
      type: 'line',
      data: {datasets},
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: {mode: 'nearest', axis: 'x', intersect: false},
        scales: {
          x: {type: 'linear', ticks: {callback: tick, maxTicksLimit: 8}},
          y: {position: 'left', suggestedMin: 0, suggestedMax: 100},
          signal: {position: 'right', suggestedMin: -120, suggestedMax: -50, grid: {drawOnChartArea: false}},
        },
        plugins: {
          decimation: {enabled: true, algorithm: 'lttb', samples: 500},
          tooltip: {callbacks: {title: (items) => formatDateTime(items[0].parsed.x)}},
        },
      },
    });
  }

  render() {
    const points = this.points;
    return html`<div class="toolbar" role="group" aria-label=${t('range')}>
        ${Object.entries(RANGES).map(([key, r]) => html`<button type="button" data-testid="telemetry-range-${key}"
          aria-pressed=${key === this.range ? 'true' : 'false'} class=${key === this.range ? 'primary' : ''}
          @click=${() => this.choose(key)}>${t(r.label)}</button>`)}
      </div>
      ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
      ${!points ? (this.error ? nothing : html`<p class="muted">${t('loading')}</p>`)
        : points.length ? html`<div class="chart-box"><canvas data-testid="telemetry-chart" data-points=${points.length}
            role="img" aria-label="${t('volume')}, ${t('temperature')}, ${t('signal')}"></canvas></div>`
          : html`<p class="empty">${t('empty')}</p>`}`;
  }
}
customElements.define('loa-telemetry-chart', TelemetryChart);

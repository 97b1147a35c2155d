// <loa-speaker-detail .deviceId>: one speaker: its facts, live state (read again every STATE_REFRESH_MS, on its
// presence events and on every reconnection of the feed), telemetry chart, commands with their results, groups.
//
// Test ids: speaker-name, speaker-online (loa-status-badge), speaker-state, command-volume (range 0..100),
// command-volume-send, command-mute, command-unmute, command-amp-on, command-amp-off, command-ping, command-reboot
// (approver+, confirmed), command-result (data-command-id, data-status: pending|ok|failed|timed_out|offline),
// speaker-groups, group-add-select, group-add, group-remove (data-group-id); editing and credentials: see
// speaker-admin.js.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {events} from '../events.js';
import {formatDateTime, formatDuration, formatNumber, formatTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {hashFor} from '../routes.js';
import {session} from '../session.js';
import {areaNames, confirmAction, loadGroups, showError, showToast, statusLabel} from '../ui.js';
import './speaker-admin.js';
import './telemetry-chart.js';

const t = translations({
  vi: {
    back: '‹ Tất cả cụm loa', facts: 'Thông tin', state: 'Trạng thái hiện tại', serial: 'Số sê-ri', id: 'Mã thiết bị',
    area: 'Khu vực', model: 'Mẫu', firmware: 'Phần mềm', imei: 'IMEI', iccid: 'ICCID', position: 'Toạ độ',
    created: 'Đăng ký lúc', lastSeen: 'Lần cuối thấy', connectedAt: 'Kết nối từ', volume: 'Âm lượng',
    muted: 'Tắt tiếng', amplifier: 'Bộ khuếch đại', playing: 'Đang phát', signal: 'Tín hiệu', temperature: 'Nhiệt độ',
    uptime: 'Thời gian chạy', playback: 'Sự kiện phát gần nhất', yes: 'Có', no: 'Không', on: 'Bật', off: 'Tắt',
    nothing: 'Không phát', unknown: 'Chưa rõ', commands: 'Điều khiển', setVolume: 'Đặt âm lượng',
    mute: 'Tắt tiếng', unmute: 'Bật tiếng', ampOn: 'Bật khuếch đại', ampOff: 'Tắt khuếch đại', ping: 'Kiểm tra (ping)',
    reboot: 'Khởi động lại', rebootTitle: 'Khởi động lại cụm loa?',
    rebootMessage: '{name} sẽ ngừng phát và mất kết nối khoảng một phút.', results: 'Kết quả lệnh',
    noResults: 'Chưa gửi lệnh nào từ trang này.', sent: 'Đã gửi lệnh {type}.', latency: '{ms} ms',
    groups: 'Nhóm', noGroups: 'Không thuộc nhóm nào.', addToGroup: 'Thêm vào nhóm', add: 'Thêm', remove: 'Bỏ khỏi {name}',
    chooseGroup: 'Chọn nhóm…', added: 'Đã thêm vào nhóm {name}.', removed: 'Đã bỏ khỏi nhóm {name}.',
    telemetry: 'Lịch sử đo đạc', readOnly: 'Vai trò của bạn chỉ được xem.', loading: 'Đang tải…',
    'cmd.volume': 'âm lượng {value}', 'cmd.mute': 'tắt tiếng', 'cmd.unmute': 'bật tiếng', 'cmd.amplifier': 'khuếch đại {value}',
    'cmd.reboot': 'khởi động lại', 'cmd.ping': 'ping',
  },
  en: {
    back: '‹ All speakers', facts: 'Details', state: 'Current state', serial: 'Serial', id: 'Device id', area: 'Area',
    model: 'Model', firmware: 'Firmware', imei: 'IMEI', iccid: 'ICCID', position: 'Coordinates',
    created: 'Registered', lastSeen: 'Last seen', connectedAt: 'Connected since', volume: 'Volume', muted: 'Muted',
    amplifier: 'Amplifier', playing: 'Playing', signal: 'Signal', temperature: 'Temperature', uptime: 'Uptime',
    playback: 'Latest playback event', yes: 'Yes', no: 'No', on: 'On', off: 'Off', nothing: 'Nothing',
    unknown: 'Unknown', commands: 'Commands', setVolume: 'Set volume', mute: 'Mute', unmute: 'Unmute',
    ampOn: 'Amplifier on', ampOff: 'Amplifier off', ping: 'Ping', reboot: 'Reboot', rebootTitle: 'Reboot the speaker?',
    rebootMessage: '{name} stops playing and is offline for about a minute.', results: 'Command results',
    noResults: 'No command sent from this page yet.', sent: 'Command {type} sent.', latency: '{ms} ms',
    groups: 'Groups', noGroups: 'In no group.', addToGroup: 'Add to group', add: 'Add', remove: 'Remove from {name}',
    chooseGroup: 'Choose a group…', added: 'Added to group {name}.', removed: 'Removed from group {name}.',
    telemetry: 'Telemetry history', readOnly: 'Your role may only look.', loading: 'Loading…',
    'cmd.volume': 'volume {value}', 'cmd.mute': 'mute', 'cmd.unmute': 'unmute', 'cmd.amplifier': 'amplifier {value}',
    'cmd.reboot': 'reboot', 'cmd.ping': 'ping',
  },
});

/** Telemetry comes every 30 s by default: reading the state more often would show nothing new. */
const STATE_REFRESH_MS = 15000;
/** How long one read of a command waits on the server for its results. */
const COMMAND_WAIT_MS = 10000;
const COMMAND_READS = 4;
const RESULTS_SHOWN = 10;

class SpeakerDetail extends LoaElement {
  static properties = {
    deviceId: {attribute: false},
    device: {state: true},
    names: {state: true},
    groups: {state: true},
    commands: {state: true},
    volume: {state: true},
    busy: {state: true},
    error: {state: true},
  };

  constructor() {
    super();
    this.commands = [];
  }

  connectedCallback() {
    super.connectedCallback();
    const reloadIfMine = (data) => data.deviceId === this.deviceId && this.load();
    this.whileConnected(events.on('ready', () => this.load()));
    this.whileConnected(events.on('device.online', reloadIfMine));
    this.whileConnected(events.on('device.offline', reloadIfMine));
    const timer = setInterval(() => this.load(), STATE_REFRESH_MS);
    this.whileConnected(() => clearInterval(timer));
    areaNames().then((names) => { this.names = names; }, showError);
    if (session.can('operator')) {
      loadGroups().then((groups) => { this.groups = groups; }, showError);
    }
    this.load();
  }

  async load() {
    if (this.loading) {
      return;
    }
    this.loading = true;
    try {
      this.device = await api.get(`/api/devices/${encodeURIComponent(this.deviceId)}`);
      this.volume ??= this.device.state?.volume ?? this.device.desired?.volume ?? 50;
      this.error = null;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get name() {
    return this.device ? this.device.name || this.device.serial : this.deviceId;
  }

  async command(type, value) {
    if (type === 'reboot' && !await confirmAction({title: t('rebootTitle'), message: t('rebootMessage', {name: this.name}),
      confirmLabel: t('reboot'), danger: true})) {
      return;
    }
    this.busy = true;
    try {
      const body = value === undefined ? {type} : {type, value};
      const accepted = await api.post(`/api/devices/${encodeURIComponent(this.deviceId)}/commands`, body);
      const entry = {id: accepted.id, type, value, at: new Date().toISOString(), results: [], done: false};
      this.commands = [entry, ...this.commands].slice(0, RESULTS_SHOWN);
      showToast(t('sent', {type: this.commandLabel(entry)}));
      this.follow(entry);
    } catch (error) {
      showError(error);
    } finally {
      this.busy = false;
    }
  }

  /** Reads the command until no result is pending; the server holds each read until then or COMMAND_WAIT_MS. */
  async follow(entry) {
    for (let read = 0; read < COMMAND_READS && !entry.done && this.isConnected; read++) {
      try {
        const command = await api.get(`/api/commands/${encodeURIComponent(entry.id)}`, {wait: COMMAND_WAIT_MS});
        entry.results = command.results ?? [];
        entry.done = command.done;
      } catch (error) {
        showError(error);
        return;
      }
      this.commands = [...this.commands];
    }
    this.load();
  }

  commandLabel(entry) {
    const value = entry.type === 'amplifier' ? (entry.value ? t('on') : t('off')) : entry.value;
    return t(`cmd.${entry.type}`, {value});
  }

  async addToGroup() {
    const select = this.querySelector('[data-testid="group-add-select"]');
    const group = this.groups?.find((g) => String(g.id) === select.value);
    if (!group) {
      return;
    }
    try {
      await api.post(`/api/groups/${group.id}/members`, {deviceIds: [this.deviceId]});
      showToast(t('added', {name: group.name}));
      this.load();
    } catch (error) {
      showError(error);
    }
  }

  async removeFromGroup(group) {
    try {
      await api.del(`/api/groups/${group.id}/members/${encodeURIComponent(this.deviceId)}`);
      showToast(t('removed', {name: group.name}));
      this.load();
    } catch (error) {
      showError(error);
    }
  }

  renderFacts() {
    const d = this.device;
    const fact = (label, value) => html`<dt>${label}</dt><dd>${value ?? '—'}</dd>`;
    return html`<div class="card"><h2>${t('facts')}</h2><dl class="facts">
      ${fact(t('serial'), d.serial)}${fact(t('id'), d.id)}
      ${fact(t('area'), d.areaId ? html`<a href=${hashFor('speakers', [], {area: d.areaId})}>
        ${this.names?.get(d.areaId) ?? `#${d.areaId}`}</a>` : d.areaHint)}
      ${fact(t('model'), d.model)}${fact(t('firmware'), d.state?.firmware ?? d.firmware)}
      ${fact(t('imei'), d.imei)}${fact(t('iccid'), d.iccid)}
      ${fact(t('position'), d.latitude != null ? `${d.latitude.toFixed(5)}, ${d.longitude.toFixed(5)}` : null)}
      ${fact(t('created'), formatDateTime(d.createdAt))}
    </dl></div>`;
  }

  renderState() {
    const s = this.device.state ?? {};
    const flag = (value, yes, no) => (value == null ? t('unknown') : value ? yes : no);
    const fact = (label, value) => html`<dt>${label}</dt><dd>${value}</dd>`;
    return html`<div class="card" data-testid="speaker-state"><h2>${t('state')}</h2><dl class="facts">
      ${fact(t('lastSeen'), formatDateTime(s.lastSeen ?? this.device.lastSeen))}
      ${s.online ? fact(t('connectedAt'), formatDateTime(s.connectedAt)) : nothing}
      ${fact(t('volume'), s.volume == null ? t('unknown') : `${s.volume}%`)}
      ${fact(t('muted'), flag(s.muted, t('yes'), t('no')))}
      ${fact(t('amplifier'), flag(s.amplifier, t('on'), t('off')))}
      ${fact(t('playing'), s.playing || t('nothing'))}
      ${fact(t('signal'), s.signalDbm == null ? t('unknown') : `${s.signalDbm} dBm`)}
      ${fact(t('temperature'), s.temperatureC == null ? t('unknown') : `${formatNumber(s.temperatureC, {maximumFractionDigits: 1})} °C`)}
      ${fact(t('uptime'), s.uptimeSeconds == null ? t('unknown') : formatDuration(s.uptimeSeconds))}
      ${s.playback ? fact(t('playback'), `${s.playback.event} · ${s.playback.stream} · ${formatTime(s.playback.at)}`) : nothing}
    </dl></div>`;
  }

  renderCommands() {
    if (!session.can('operator')) {
      return html`<div class="card"><h2>${t('commands')}</h2><p class="muted">${t('readOnly')}</p></div>`;
    }
    const busy = this.busy;
    return html`<div class="card"><h2>${t('commands')}</h2>
      <div class="toolbar">
        <label class="field volume-field">${t('volume')}: <output>${this.volume}%</output>
          <input type="range" min="0" max="100" step="1" data-testid="command-volume" .value=${String(this.volume)}
            @input=${(e) => { this.volume = Number(e.target.value); }}></label>
        <button type="button" class="primary" data-testid="command-volume-send" ?disabled=${busy}
          @click=${() => this.command('volume', this.volume)}>${t('setVolume')}</button>
      </div>
      <div class="button-row">
        <button type="button" data-testid="command-mute" ?disabled=${busy} @click=${() => this.command('mute')}>${t('mute')}</button>
        <button type="button" data-testid="command-unmute" ?disabled=${busy} @click=${() => this.command('unmute')}>${t('unmute')}</button>
        <button type="button" data-testid="command-amp-on" ?disabled=${busy} @click=${() => this.command('amplifier', true)}>${t('ampOn')}</button>
        <button type="button" data-testid="command-amp-off" ?disabled=${busy} @click=${() => this.command('amplifier', false)}>${t('ampOff')}</button>
        <button type="button" data-testid="command-ping" ?disabled=${busy} @click=${() => this.command('ping')}>${t('ping')}</button>
        ${session.can('approver') ? html`<button type="button" class="danger" data-testid="command-reboot" ?disabled=${busy}
          @click=${() => this.command('reboot')}>${t('reboot')}</button>` : nothing}
      </div>
      <h3>${t('results')}</h3>
      ${this.commands.length ? html`<ul class="plain-list">${this.commands.map((c) => this.renderResult(c))}</ul>`
        : html`<p class="muted">${t('noResults')}</p>`}
    </div>`;
  }

  renderResult(entry) {
    const result = entry.results.find((r) => r.deviceId === this.deviceId);
    const status = result?.status ?? 'pending';
    return html`<li data-testid="command-result" data-command-id=${entry.id} data-status=${status}>
      <span class="muted small">${formatTime(entry.at)}</span> ${this.commandLabel(entry)}:
      <loa-status-badge status=${status}></loa-status-badge>
      ${result?.latencyMs != null ? html`<span class="muted small">${t('latency', {ms: result.latencyMs})}</span>` : nothing}
      ${result?.reason ? html`<span class="muted small">${result.reason}</span>` : nothing}
    </li>`;
  }

  renderGroups() {
    const mine = this.device.groups ?? [];
    const canEdit = session.can('operator');
    const others = (this.groups ?? []).filter((g) => !mine.some((m) => m.id === g.id));
    return html`<div class="card" data-testid="speaker-groups"><h2>${t('groups')}</h2>
      ${mine.length ? html`<ul class="plain-list">${mine.map((g) => html`<li>${g.name}
        ${canEdit ? html`<button type="button" class="link" data-testid="group-remove" data-group-id=${g.id}
          aria-label=${t('remove', {name: g.name})} @click=${() => this.removeFromGroup(g)}>×</button>` : nothing}</li>`)}</ul>`
        : html`<p class="muted">${t('noGroups')}</p>`}
      ${canEdit && others.length ? html`<div class="toolbar">
        <label class="field">${t('addToGroup')}<select data-testid="group-add-select">
          <option value="">${t('chooseGroup')}</option>
          ${others.map((g) => html`<option value=${g.id}>${g.name}</option>`)}</select></label>
        <button type="button" data-testid="group-add" @click=${() => this.addToGroup()}>${t('add')}</button>
      </div>` : nothing}
    </div>`;
  }

  render() {
    const d = this.device;
    return html`<p><a href="#/speakers">${t('back')}</a></p>
      ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
      ${!d ? (this.error ? nothing : html`<p class="muted">${t('loading')}</p>`) : html`
        <div class="page-header"><h1 data-testid="speaker-name">${this.name}</h1>
          <span><loa-status-badge status=${d.status}></loa-status-badge>
          <loa-status-badge data-testid="speaker-online" status=${d.state?.online ?? d.online ? 'online' : 'offline'}
            title=${statusLabel(d.state?.online ?? d.online ? 'online' : 'offline')}></loa-status-badge></span></div>
        <div class="grid grid-2">
          ${this.renderState()}
          ${this.renderCommands()}
        </div>
        <div class="card"><h2>${t('telemetry')}</h2>
          <loa-telemetry-chart .deviceId=${this.deviceId}></loa-telemetry-chart></div>
        <div class="grid grid-2">
          <div>${this.renderFacts()}
            <loa-speaker-admin .device=${d} @loa-device-changed=${() => this.load()}></loa-speaker-admin></div>
          ${this.renderGroups()}
        </div>`}`;
  }
}
customElements.define('loa-speaker-detail', SpeakerDetail);

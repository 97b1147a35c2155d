// Live page: choose targets and priority, start a live broadcast and speak into the browser microphone
// (live/microphone.js), watch the level, the elapsed time and who hears it now, stop it. Approvers and admins also
// get a guarded emergency button (the user types a shown word before it starts).
//
// Test ids: live-name, live-targets, live-priority, live-start, live-emergency, live-stop, live-level (data-peak),
// live-elapsed, live-listeners (speakers hearing it now), live-targeted, live-areas, live-ended.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {endReasonWord, priorityWord} from '../broadcasts/broadcast-words.js';
import {formatDuration, formatNumber, formatTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {MicrophoneError, microphoneRefused, startMicrophone} from '../live/microphone.js';
import '../live/level-meter.js';
import {session} from '../session.js';
import {areaNames, confirmAction, showToast} from '../ui.js';
import {usePageStyles} from './page-styles.js';

const t = translations({
  vi: {
    title: 'Phát trực tiếp', name: 'Tên buổi phát', defaultName: 'Phát trực tiếp {time}', targets: 'Nơi phát',
    priority: 'Mức ưu tiên',
    start: 'Bắt đầu nói', starting: 'Đang mở micrô…', stop: 'Dừng phát', stopping: 'Đang dừng…',
    emergency: 'Phát khẩn cấp', emergencyTitle: 'Phát khẩn cấp?',
    emergencyMessage: 'Mọi loa được chọn sẽ dừng chương trình đang phát và phát lời bạn nói với âm lượng tối đa.',
    emergencyWord: 'KHẨN CẤP', emergencyConfirm: 'Phát khẩn cấp ngay',
    noTargets: 'Chọn ít nhất một khu vực, nhóm hoặc loa.',
    onAir: 'Đang phát', since: 'từ {time}', elapsed: 'Thời lượng', level: 'Mức âm micrô',
    listeners: 'Loa đang nghe', ofTargeted: 'trên {count} loa được chọn', waiting: '{count} loa đang bận phát buổi khác',
    areas: 'Khu vực', groups: '{count} nhóm', devices: '{count} loa riêng',
    stopped: 'Đã dừng phát trực tiếp.',
    ended: 'Buổi phát đã kết thúc: {reason}.',
    'mic.permission': 'Trình duyệt không cho dùng micrô. Hãy cho phép micrô cho trang này (biểu tượng ổ khoá cạnh địa chỉ) rồi thử lại.',
    'mic.no-device': 'Không tìm thấy micrô. Hãy cắm micrô rồi thử lại.',
    'mic.unsupported': 'Trình duyệt này không thu âm được (cần kết nối an toàn HTTPS).',
    'mic.socket': 'Máy chủ không nhận tiếng từ micrô: {message}',
    'mic.closed': 'Mất kết nối micrô với máy chủ: {message}',
  },
  en: {
    title: 'Live broadcast', name: 'Broadcast name', defaultName: 'Live broadcast {time}', targets: 'Where to play',
    priority: 'Priority',
    start: 'Start speaking', starting: 'Opening the microphone…', stop: 'Stop', stopping: 'Stopping…',
    emergency: 'Emergency broadcast', emergencyTitle: 'Broadcast an emergency?',
    emergencyMessage: 'Every chosen speaker stops what it plays and plays your voice at full volume.',
    emergencyWord: 'EMERGENCY', emergencyConfirm: 'Broadcast the emergency now',
    noTargets: 'Choose at least one area, group or speaker.',
    onAir: 'On air', since: 'since {time}', elapsed: 'Elapsed', level: 'Microphone level',
    listeners: 'Speakers hearing it', ofTargeted: 'of {count} chosen speakers', waiting: '{count} speakers busy with another broadcast',
    areas: 'Areas', groups: '{count} groups', devices: '{count} single speakers',
    stopped: 'The live broadcast stopped.',
    ended: 'The broadcast ended: {reason}.',
    'mic.permission': 'The browser may not use the microphone. Allow the microphone for this page (the lock icon by the address) and try again.',
    'mic.no-device': 'No microphone found. Plug one in and try again.',
    'mic.unsupported': 'This browser cannot record audio (a secure HTTPS connection is needed).',
    'mic.socket': 'The server did not take the microphone: {message}',
    'mic.closed': 'The microphone lost its connection to the server: {message}',
  },
});

const POLL_MS = 2000;
const TICK_MS = 1000;
/** How many area names the "who hears it" panel lists before "+n". */
const AREAS_SHOWN = 5;
const PRIORITIES = ['NORMAL', 'PRIORITY'];

class LivePage extends LoaElement {
  static properties = {
    targets: {state: true},
    priority: {state: true},
    name: {state: true},
    busy: {state: true},
    broadcast: {state: true},
    ended: {state: true},
    error: {state: true},
    now: {state: true},
    areaNamesById: {state: true},
  };

  constructor() {
    super();
    this.targets = {areas: [], groups: [], devices: []};
    this.priority = 'NORMAL';
    this.name = '';
    this.busy = null; // 'starting' | 'stopping'
    this.broadcast = null;
    this.areaNamesById = new Map();
  }

  connectedCallback() {
    super.connectedCallback();
    usePageStyles('live');
    areaNames().then((names) => {
      this.areaNamesById = names;
    }, (error) => {
      this.error = error;
    });
    // leaving the page ends the broadcast: nobody is at the microphone any more
    this.whileConnected(() => this.stop());
  }

  get hasTargets() {
    const v = this.targets;
    return v.areas.length + v.groups.length + v.devices.length > 0;
  }

  async start(priority) {
    if (!this.hasTargets) {
      this.error = new Error(t('noTargets'));
      return;
    }
    this.error = null;
    this.ended = null;
    if (await microphoneRefused()) {
      this.error = micError(new MicrophoneError('permission'));
      return;
    }
    this.busy = 'starting';
    let created = null;
    try {
      created = await api.post('/api/broadcasts', {
        name: this.name.trim() || t('defaultName', {time: formatTime(new Date())}),
        source: {type: 'live'},
        targets: this.targets,
        priority,
      });
      this.microphone = await startMicrophone({
        streamId: created.onAir.streams[0],
        onLevel: (peak) => this.showLevel(peak),
        onEnd: (error) => this.microphoneLost(error),
      });
      this.broadcast = created;
      if (!this.isConnected) {
        this.stop(); // the user left while the microphone opened
        return;
      }
      this.startClocks();
      this.refresh();
    } catch (error) {
      this.error = error instanceof MicrophoneError ? micError(error) : error;
      if (created) {
        await api.del(`/api/broadcasts/${created.id}`).catch(() => {});
      }
    } finally {
      this.busy = null;
    }
  }

  async startEmergency() {
    const confirmed = await confirmAction({title: t('emergencyTitle'), message: t('emergencyMessage'),
      word: t('emergencyWord'), confirmLabel: t('emergencyConfirm'), danger: true});
    if (confirmed) {
      await this.start('EMERGENCY');
    }
  }

  showLevel(peak) {
    const meter = this.querySelector('loa-level-meter');
    if (meter) {
      meter.peak = Math.round(peak * 1000) / 1000;
    }
  }

  startClocks() {
    this.now = Date.now();
    this.tick = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
    this.poll = setInterval(() => this.refresh(), POLL_MS);
  }

  stopClocks() {
    clearInterval(this.tick);
    clearInterval(this.poll);
  }

  async refresh() {
    try {
      const fresh = await api.get(`/api/broadcasts/${this.broadcast.id}`);
      if (fresh.id !== this.broadcast?.id) {
        return; // stopped while the answer was on its way
      }
      if (fresh.status === 'active') {
        this.broadcast = fresh;
      } else {
        this.finish();
        this.ended = fresh;
      }
    } catch (error) {
      this.error = error;
    }
  }

  microphoneLost(error) {
    this.error = micError(error);
    this.stop();
  }

  /** Closes the microphone and forgets the broadcast; the server's copy is the caller's business. */
  finish() {
    this.stopClocks();
    this.microphone?.stop();
    this.microphone = null;
    this.broadcast = null;
    this.showLevel(0);
  }

  async stop() {
    const id = this.broadcast?.id;
    if (!id) {
      return;
    }
    this.busy = 'stopping';
    this.finish();
    try {
      await api.del(`/api/broadcasts/${id}`);
      showToast(t('stopped'));
    } catch (error) {
      // already over (ended by itself or by someone else) is what stop wanted
      if (error.status !== 404 && error.status !== 409) {
        this.error = error;
      }
    } finally {
      this.busy = null;
    }
  }

  render() {
    return html`<section data-page="live" class="page live-page">
      <h1>${t('title')}</h1>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      ${this.broadcast ? this.renderOnAir() : this.renderForm()}
    </section>`;
  }

  renderForm() {
    const starting = this.busy === 'starting';
    return html`
      ${this.ended ? html`<p class="notice" data-testid="live-ended">${t('ended', {reason: endReasonWord(this.ended.endReason)})}</p>`
        : nothing}
      <form class="live-form" @submit=${(e) => { e.preventDefault(); this.start(this.priority); }}>
        <label class="field">${t('name')}
          <input data-testid="live-name" maxlength="200" .value=${this.name}
            placeholder=${t('defaultName', {time: '…'})} @input=${(e) => { this.name = e.target.value; }}></label>
        <fieldset class="live-targets"><legend>${t('targets')}</legend>
          <loa-target-picker data-testid="live-targets" .value=${this.targets}
            @change=${(e) => { this.targets = e.detail; }}></loa-target-picker>
        </fieldset>
        <label class="field">${t('priority')}
          <select data-testid="live-priority" @change=${(e) => { this.priority = e.target.value; }}>
            ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === this.priority}>${priorityWord(p)}</option>`)}
          </select></label>
        <div class="actions">
          <button type="submit" class="primary" data-testid="live-start" ?disabled=${starting || !this.hasTargets}>
            ${starting ? t('starting') : t('start')}</button>
          ${session.can('approver') ? html`<button type="button" class="danger" data-testid="live-emergency"
            ?disabled=${starting || !this.hasTargets} @click=${() => this.startEmergency()}>
            ⚠ ${t('emergency')}</button>` : nothing}
        </div>
      </form>`;
  }

  renderOnAir() {
    const b = this.broadcast;
    const onAir = b.onAir ?? {targeted: 0, waiting: 0};
    const startedAt = Date.parse(b.createdAt);
    return html`<div class="on-air ${b.priority === 'EMERGENCY' ? 'emergency' : ''}">
      <p class="on-air-title"><span class="badge badge-on-air">● ${t('onAir')}</span>
        <strong>${b.name}</strong> · ${priorityWord(b.priority)} · ${t('since', {time: formatTime(b.createdAt)})}</p>
      <div class="stats">
        <div class="stat"><span class="muted">${t('elapsed')}</span>
          <span class="value" data-testid="live-elapsed">${formatDuration((this.now - startedAt) / 1000)}</span></div>
        <div class="stat"><span class="muted">${t('listeners')}</span>
          <span class="value" data-testid="live-listeners">${formatNumber(b.outcomes?.playing ?? 0)}</span>
          <span class="muted" data-testid="live-targeted">${t('ofTargeted', {count: formatNumber(onAir.targeted)})}</span>
          ${onAir.waiting ? html`<span class="muted">${t('waiting', {count: formatNumber(onAir.waiting)})}</span>` : nothing}
        </div>
      </div>
      <label class="field">${t('level')}
        <loa-level-meter data-testid="live-level" label=${t('level')}></loa-level-meter></label>
      ${this.renderTargets(b.targets ?? {})}
      <div class="actions">
        <button type="button" class="danger" data-testid="live-stop" ?disabled=${this.busy === 'stopping'}
          @click=${() => this.stop()}>■ ${this.busy === 'stopping' ? t('stopping') : t('stop')}</button>
      </div>
    </div>`;
  }

  renderTargets(targets) {
    const areas = (targets.areas ?? []).map((id) => this.areaNamesById.get(Number(id)) ?? id);
    const more = areas.length - AREAS_SHOWN;
    const groups = targets.groups?.length ?? 0;
    const devices = targets.devices?.length ?? 0;
    return html`<p class="live-areas" data-testid="live-areas">
      ${areas.length ? html`${t('areas')}: ${areas.slice(0, AREAS_SHOWN).join(', ')}${more > 0 ? ` +${more}` : ''}`
        : nothing}
      ${groups ? html` · ${t('groups', {count: groups})}` : nothing}
      ${devices ? html` · ${t('devices', {count: devices})}` : nothing}</p>`;
  }
}
customElements.define('loa-page-live', LivePage);

function micError(error) {
  return new Error(t(`mic.${error.reason}`, {message: error.message}));
}

// <loa-pending-devices>: speakers that registered themselves and wait for an approver (approver+): approve into an
// area of the scope, or reject with a reason. The list is read again on every reconnection of the live feed.
// Test ids: pending-row (data-device-id), pending-area (an area picker per row), pending-approve, pending-reject.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {events} from '../events.js';
import {formatDateTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {showError, showToast} from '../ui.js';

const t = translations({
  vi: {
    none: 'Không có cụm loa nào chờ duyệt.', loading: 'Đang tải…', serial: 'Số sê-ri', hint: 'Khu vực đề nghị',
    model: 'Mẫu', since: 'Yêu cầu lúc', area: 'Duyệt vào khu vực', approve: 'Duyệt', reject: 'Từ chối',
    reason: 'Lý do từ chối (không bắt buộc)', approved: 'Đã duyệt {serial}.', rejected: 'Đã từ chối {serial}.',
    needArea: 'Chọn khu vực cho {serial} trước khi duyệt.', count: '{count} cụm loa chờ duyệt',
  },
  en: {
    none: 'No speaker waits for approval.', loading: 'Loading…', serial: 'Serial', hint: 'Suggested area',
    model: 'Model', since: 'Asked', area: 'Approve into area', approve: 'Approve', reject: 'Reject',
    reason: 'Reason to reject (optional)', approved: '{serial} approved.', rejected: '{serial} rejected.',
    needArea: 'Choose an area for {serial} before approving.', count: 'Waiting for approval: {count}',
  },
});

const PENDING_LIMIT = 200;

class PendingDevices extends LoaElement {
  static properties = {devices: {state: true}, total: {state: true}, busy: {state: true}, error: {state: true}};

  connectedCallback() {
    super.connectedCallback();
    this.chosenAreas = new Map();
    this.whileConnected(events.on('ready', () => this.load()));
    this.load();
  }

  async load() {
    try {
      const page = await api.get('/api/devices', {status: 'pending', limit: PENDING_LIMIT});
      this.devices = page.items;
      this.total = page.total;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  async approve(device) {
    const areaId = this.chosenAreas.get(device.id) ?? device.areaId;
    if (!areaId) {
      this.error = t('needArea', {serial: device.serial});
      return;
    }
    await this.act(device, 'approve', {areaId}, t('approved', {serial: device.serial}));
  }

  async reject(device) {
    const reason = this.querySelector(`[data-reason-for="${CSS.escape(device.id)}"]`)?.value.trim();
    await this.act(device, 'reject', reason ? {reason} : {}, t('rejected', {serial: device.serial}));
  }

  async act(device, action, body, done) {
    this.busy = device.id;
    try {
      await api.post(`/api/devices/${encodeURIComponent(device.id)}/${action}`, body);
      showToast(done);
      this.error = null;
      await this.load();
    } catch (error) {
      showError(error);
    } finally {
      this.busy = null;
    }
  }

  render() {
    if (!this.devices) {
      return this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : html`<p class="muted">${t('loading')}</p>`;
    }
    return html`${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
      ${this.devices.length ? html`<p class="muted">${t('count', {count: this.total})}</p>
      <div class="table-wrap"><table>
        <thead><tr><th>${t('serial')}</th><th>${t('hint')}</th><th>${t('model')}</th><th>${t('since')}</th>
          <th>${t('area')}</th><th>${t('reason')}</th><th></th></tr></thead>
        <tbody>${this.devices.map((d) => html`<tr data-testid="pending-row" data-device-id=${d.id}>
          <td>${d.serial}</td><td>${d.areaHint ?? '—'}</td><td>${d.model ?? '—'}</td>
          <td>${formatDateTime(d.createdAt)}</td>
          <td><loa-area-picker data-testid="pending-area" label="" .value=${this.chosenAreas.get(d.id) ?? d.areaId ?? null}
            all-option @change=${(e) => this.chosenAreas.set(d.id, e.detail.value)}></loa-area-picker></td>
          <td><input data-reason-for=${d.id} maxlength="256" aria-label=${t('reason')}></td>
          <td class="actions-cell">
            <button type="button" class="primary" data-testid="pending-approve" ?disabled=${this.busy === d.id}
              @click=${() => this.approve(d)}>${t('approve')}</button>
            <button type="button" data-testid="pending-reject" ?disabled=${this.busy === d.id}
              @click=${() => this.reject(d)}>${t('reject')}</button></td>
        </tr>`)}</tbody></table></div>` : html`<p class="empty">${t('none')}</p>`}`;
  }
}
customElements.define('loa-pending-devices', PendingDevices);

// <loa-speaker-admin .device>: what an installer changes about one speaker: its name, area, model, position and
// SIM (operators), and its credentials (approvers): give an online speaker a new secret, let one that lost its
// secret provision again, or cut a stolen one off. Fires `loa-device-changed` after every change.
//
// Test ids: speaker-edit, speaker-form (dialog), speaker-form-area (loa-area-picker), speaker-form-save,
// speaker-rotate, speaker-reprovision, speaker-revoke, speaker-credentials (the card).
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatDateTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {session} from '../session.js';
import {confirmAction, dialogButtons, showError, showToast} from '../ui.js';

const t = translations({
  vi: {
    edit: 'Sửa thông tin', editTitle: 'Sửa thông tin {name}', name: 'Tên', area: 'Khu vực', model: 'Mẫu',
    latitude: 'Vĩ độ', longitude: 'Kinh độ', imei: 'IMEI (14–16 chữ số)', iccid: 'ICCID (18–22 chữ số)',
    save: 'Lưu', saved: 'Đã lưu thông tin {name}.', positionBoth: 'Nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.',
    credentials: 'Khoá truy cập', issuedAt: 'Cấp lúc {time}', notIssued: 'Chưa cấp khoá: cụm loa chưa kết nối lần nào.',
    rotate: 'Cấp khoá mới', rotateTitle: 'Cấp khoá mới cho {name}?',
    rotateMessage: 'Cụm loa nhận khoá mới qua kết nối hiện tại; khoá cũ hết hiệu lực khi nó kết nối bằng khoá mới.',
    rotated: 'Đã gửi khoá mới cho {name}.', offlineNoRotate: 'Chỉ cấp khoá mới khi cụm loa đang trực tuyến.',
    reprovision: 'Cho đăng ký lại', reprovisionTitle: 'Cho {name} đăng ký lại?',
    reprovisionMessage: 'Dùng khi cụm loa mất khoá (thay bo mạch, xoá bộ nhớ): khoá hiện tại bị huỷ, cụm loa bị ngắt và lần kết nối sau với khoá cấp phát sẽ nhận khoá mới.',
    reprovisioned: '{name} có thể đăng ký lại.',
    revoke: 'Thu hồi', revokeTitle: 'Thu hồi {name}?',
    revokeMessage: 'Cụm loa bị ngắt ngay và không kết nối được nữa (ví dụ khi bị mất cắp). Muốn dùng lại phải cho đăng ký lại.',
    revoked: 'Đã thu hồi {name}.',
  },
  en: {
    edit: 'Edit details', editTitle: 'Edit {name}', name: 'Name', area: 'Area', model: 'Model', latitude: 'Latitude',
    longitude: 'Longitude', imei: 'IMEI (14–16 digits)', iccid: 'ICCID (18–22 digits)', save: 'Save',
    saved: 'Saved {name}.', positionBoth: 'Give both latitude and longitude, or neither.',
    credentials: 'Credentials', issuedAt: 'Issued {time}', notIssued: 'None issued: the speaker has never connected.',
    rotate: 'New secret', rotateTitle: 'Give {name} a new secret?',
    rotateMessage: 'The speaker receives it over its current connection; the old secret stops working once it connects with the new one.',
    rotated: 'New secret sent to {name}.', offlineNoRotate: 'A new secret can only be given to a speaker that is online.',
    reprovision: 'Allow provisioning again', reprovisionTitle: 'Let {name} provision again?',
    reprovisionMessage: 'For a speaker that lost its secret (new board, wiped memory): the current secret is withdrawn, the speaker is disconnected, and its next connection with the provisioning key gets a new secret.',
    reprovisioned: '{name} may provision again.',
    revoke: 'Revoke', revokeTitle: 'Revoke {name}?',
    revokeMessage: 'The speaker is disconnected at once and can no longer connect (a stolen one, for example). Using it again takes allowing it to provision again.',
    revoked: 'Revoked {name}.',
  },
});

const DONE = {rotate: 'rotated', reprovision: 'reprovisioned', revoke: 'revoked'};

class SpeakerAdmin extends LoaElement {
  static properties = {
    device: {attribute: false},
    busy: {state: true},
    formError: {state: true},
  };

  get name() {
    return this.device.name || this.device.serial;
  }

  get path() {
    return `/api/devices/${encodeURIComponent(this.device.id)}`;
  }

  changed() {
    this.dispatchEvent(new CustomEvent('loa-device-changed', {bubbles: true}));
  }

  openEdit() {
    this.formError = null;
    this.updateComplete.then(() => {
      const dialog = this.querySelector('[data-testid="speaker-form"]');
      dialog.querySelector('form').reset(); // back to the attributes: the speaker's current values
      this.querySelector('[data-testid="speaker-form-area"]').value = this.device.areaId ?? null;
      dialog.showModal();
    });
  }

  async save(event) {
    event.preventDefault();
    const form = event.target.elements;
    const text = (field) => form[field].value.trim() || null;
    const number = (field) => (form[field].value.trim() === '' ? null : Number(form[field].value));
    this.formError = null;
    const body = {name: text('name'), model: text('model'), imei: text('imei'), iccid: text('iccid'),
      latitude: number('latitude'), longitude: number('longitude')};
    if ((body.latitude == null) !== (body.longitude == null)) {
      this.formError = new Error(t('positionBoth'));
      return;
    }
    const areaId = this.querySelector('[data-testid="speaker-form-area"]').value;
    if (areaId != null) {
      body.areaId = areaId;
    }
    this.busy = true;
    try {
      await api.patch(this.path, body);
      this.querySelector('[data-testid="speaker-form"]').close();
      showToast(t('saved', {name: body.name || this.device.serial}));
      this.changed();
    } catch (error) {
      this.formError = error;
    } finally {
      this.busy = false;
    }
  }

  /** Asks first, then posts to the lifecycle endpoint and says what happened. */
  async lifecycle(action, endpoint) {
    if (!await confirmAction({title: t(`${action}Title`, {name: this.name}), message: t(`${action}Message`),
      confirmLabel: t(action), danger: action !== 'rotate'})) {
      return;
    }
    this.busy = true;
    try {
      await api.post(`${this.path}/${endpoint}`);
      showToast(t(DONE[action], {name: this.name}));
      this.changed();
    } catch (error) {
      showError(error);
    } finally {
      this.busy = false;
    }
  }

  renderForm() {
    const d = this.device;
    return html`<dialog data-testid="speaker-form" aria-label=${t('editTitle', {name: this.name})}>
      <form @submit=${(e) => this.save(e)}>
        <h2>${t('editTitle', {name: this.name})}</h2>
        ${this.formError ? html`<loa-error-banner .error=${this.formError}></loa-error-banner>` : nothing}
        <label class="field">${t('name')}<input name="name" maxlength="200" value=${d.name ?? ''}></label>
        <loa-area-picker data-testid="speaker-form-area" label=${t('area')}></loa-area-picker>
        <label class="field">${t('model')}<input name="model" maxlength="64" value=${d.model ?? ''}></label>
        <div class="grid grid-2">
          <label class="field">${t('latitude')}<input name="latitude" type="number" step="any" min="-90" max="90"
            value=${d.latitude ?? ''}></label>
          <label class="field">${t('longitude')}<input name="longitude" type="number" step="any" min="-180" max="180"
            value=${d.longitude ?? ''}></label>
        </div>
        <label class="field">${t('imei')}<input name="imei" inputmode="numeric" pattern="[0-9]{14,16}"
          value=${d.imei ?? ''}></label>
        <label class="field">${t('iccid')}<input name="iccid" inputmode="numeric" pattern="[0-9]{18,22}"
          value=${d.iccid ?? ''}></label>
        ${dialogButtons({onCancel: () => this.querySelector('[data-testid="speaker-form"]').close(),
          saveLabel: t('save'), saveTestId: 'speaker-form-save', busy: this.busy})}
      </form>
    </dialog>`;
  }

  renderCredentials() {
    const d = this.device;
    const online = d.state?.online ?? d.online;
    // a new secret, or provisioning again, only for an active speaker that has a secret (or a revoked one)
    const hasSecret = d.status === 'active' && Boolean(d.credentialsIssuedAt);
    const busy = this.busy;
    return html`<div class="card" data-testid="speaker-credentials"><h2>${t('credentials')}</h2>
      <p class="muted">${d.credentialsIssuedAt ? t('issuedAt', {time: formatDateTime(d.credentialsIssuedAt)})
        : t('notIssued')}</p>
      <div class="button-row">
        ${hasSecret ? html`<button type="button" data-testid="speaker-rotate"
          ?disabled=${busy || !online} title=${online ? '' : t('offlineNoRotate')}
          @click=${() => this.lifecycle('rotate', 'credentials/rotate')}>${t('rotate')}</button>` : nothing}
        ${hasSecret || d.status === 'revoked' ? html`<button type="button" data-testid="speaker-reprovision"
          ?disabled=${busy} @click=${() => this.lifecycle('reprovision', 'reprovision')}>${t('reprovision')}</button>` : nothing}
        ${d.status !== 'revoked' ? html`<button type="button" class="danger" data-testid="speaker-revoke"
          ?disabled=${busy} @click=${() => this.lifecycle('revoke', 'revoke')}>${t('revoke')}</button>` : nothing}
      </div>
    </div>`;
  }

  render() {
    if (!this.device || !session.can('operator')) {
      return nothing;
    }
    return html`<p class="button-row"><button type="button" data-testid="speaker-edit" ?disabled=${this.busy}
        @click=${() => this.openEdit()}>${t('edit')}</button></p>
      ${this.renderForm()}
      ${session.can('approver') ? this.renderCredentials() : nothing}`;
  }
}
customElements.define('loa-speaker-admin', SpeakerAdmin);

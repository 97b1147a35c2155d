// <loa-password-dialog>: the signed-in user changes its own password (PUT /api/me/password). Opened from the user
// menu. Test ids: password-current, password-new, password-repeat, password-save.
import {html, nothing} from 'lit';
import {api} from './api.js';
import {translations} from './i18n.js';
import {LoaElement} from './loa-element.js';
import {showToast} from './ui.js';

/** The server's rule for passwords (10..256 characters), checked here first for a quicker answer. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

const t = translations({
  vi: {
    title: 'Đổi mật khẩu', current: 'Mật khẩu hiện tại', next: 'Mật khẩu mới', repeat: 'Nhập lại mật khẩu mới',
    save: 'Lưu mật khẩu', cancel: 'Huỷ', tooShort: 'Mật khẩu mới cần từ {min} đến {max} ký tự.',
    mismatch: 'Hai lần nhập mật khẩu mới không khớp.', done: 'Đã đổi mật khẩu.',
    hint: 'Ít nhất {min} ký tự. Nên dùng một câu dễ nhớ.',
  },
  en: {
    title: 'Change password', current: 'Current password', next: 'New password', repeat: 'Repeat the new password',
    save: 'Save password', cancel: 'Cancel', tooShort: 'The new password needs {min} to {max} characters.',
    mismatch: 'The two new passwords differ.', done: 'Password changed.',
    hint: 'At least {min} characters. A sentence you remember works well.',
  },
});

/** The problem with a new password and its repetition, or null; shared with the users page. */
export function passwordProblem(password, repeated) {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    return t('tooShort', {min: PASSWORD_MIN, max: PASSWORD_MAX});
  }
  return password === repeated ? null : t('mismatch');
}

export function passwordHint() {
  return t('hint', {min: PASSWORD_MIN});
}

class PasswordDialog extends LoaElement {
  static properties = {error: {state: true}, busy: {state: true}};

  open() {
    this.error = null;
    this.querySelector('form')?.reset();
    this.querySelector('dialog').showModal();
  }

  close() {
    this.querySelector('dialog').close();
  }

  async save(event) {
    event.preventDefault();
    const form = event.target;
    const currentPassword = form.elements.current.value;
    const newPassword = form.elements.next.value;
    const problem = passwordProblem(newPassword, form.elements.repeat.value);
    if (problem) {
      this.error = problem;
      return;
    }
    this.busy = true;
    try {
      await api.put('/api/me/password', {currentPassword, newPassword});
      this.close();
      showToast(t('done'));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<dialog aria-labelledby="password-title">
      <form @submit=${(e) => this.save(e)}>
        <h2 id="password-title">${t('title')}</h2>
        ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
        <label class="field">${t('current')}<input name="current" type="password" required
          autocomplete="current-password" data-testid="password-current"></label>
        <label class="field">${t('next')}<input name="next" type="password" required minlength=${PASSWORD_MIN}
          maxlength=${PASSWORD_MAX} autocomplete="new-password" data-testid="password-new">
          <small class="muted">${passwordHint()}</small></label>
        <label class="field">${t('repeat')}<input name="repeat" type="password" required autocomplete="new-password"
          data-testid="password-repeat"></label>
        <div class="actions">
          <button type="button" @click=${() => this.close()}>${t('cancel')}</button>
          <button type="submit" class="primary" data-testid="password-save" ?disabled=${this.busy}>${t('save')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
customElements.define('loa-password-dialog', PasswordDialog);

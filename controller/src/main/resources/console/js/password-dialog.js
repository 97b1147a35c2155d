// <loa-password-dialog>: the signed-in user changes its own password (PUT /api/me/password). Opened from the user
// menu. Test ids: password-current, password-new, password-repeat, password-save.
import {html, nothing} from 'lit';
import {api} from './api.js';
import {translations} from './i18n.js';
import {LoaElement} from './loa-element.js';
import {session} from './session.js';
import {dialogButtons, showToast} from './ui.js';

/** The server's rule for passwords (10..256 characters), checked here first for a quicker answer. */
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

const t = translations({
  vi: {
    title: 'Đổi mật khẩu', current: 'Mật khẩu hiện tại', next: 'Mật khẩu mới', repeat: 'Nhập lại mật khẩu mới',
    save: 'Lưu mật khẩu', tooShort: 'Mật khẩu mới cần từ {min} đến {max} ký tự.',
    mismatch: 'Hai lần nhập mật khẩu mới không khớp.', done: 'Đã đổi mật khẩu.',
    hint: 'Ít nhất {min} ký tự. Nên dùng một câu dễ nhớ.',
  },
  en: {
    title: 'Change password', current: 'Current password', next: 'New password', repeat: 'Repeat the new password',
    save: 'Save password', tooShort: 'The new password needs {min} to {max} characters.',
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

/** A new password and its repetition (input names `name` and "repeat"), as the server's rule wants it. */
export function newPasswordFields({name, testId, repeatTestId}) {
  return html`<label class="field">${t('next')}<input name=${name} type="password" required minlength=${PASSWORD_MIN}
      maxlength=${PASSWORD_MAX} autocomplete="new-password" data-testid=${testId}>
      <small class="muted">${t('hint', {min: PASSWORD_MIN})}</small></label>
    <label class="field">${t('repeat')}<input name="repeat" type="password" required autocomplete="new-password"
      data-testid=${repeatTestId}></label>`;
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
        <input class="visually-hidden" name="username" autocomplete="username" readonly tabindex="-1" aria-hidden="true"
          value=${session.user?.username ?? ''}>
        <label class="field">${t('current')}<input name="current" type="password" required
          autocomplete="current-password" data-testid="password-current"></label>
        ${newPasswordFields({name: 'next', testId: 'password-new', repeatTestId: 'password-repeat'})}
        ${dialogButtons({onCancel: () => this.close(), saveLabel: t('save'), saveTestId: 'password-save', busy: this.busy})}
      </form>
    </dialog>`;
  }
}
customElements.define('loa-password-dialog', PasswordDialog);

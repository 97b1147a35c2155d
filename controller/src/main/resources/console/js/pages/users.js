// Users (#/users, admin): everyone inside the admin's scope; create, edit role / area scope / display name, disable
// and enable (disabling closes the user's sessions), reset a password, unlock after too many failed sign-ins. The
// server refuses a scope wider than the admin's own; the form offers only areas inside it.
//
// Test ids: user-new, user-row (data-username), user-edit, user-reset, user-disable, user-enable, user-unlock,
// user-form (the dialog) with user-form-username, user-form-display-name, user-form-role, user-form-area (an area
// picker), user-form-password, user-form-password-repeat, user-form-save; reset-form with reset-password,
// reset-password-repeat, reset-save.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatDateTime, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {newPasswordFields, passwordProblem} from '../password-dialog.js';
import {roleLabel, ROLES, session} from '../session.js';
import {confirmAction, dialogButtons, MAX_PAGE, showError, showToast} from '../ui.js';

const t = translations({
  vi: {
    title: 'Người dùng', add: 'Thêm người dùng', username: 'Tên đăng nhập', displayName: 'Họ tên', role: 'Vai trò',
    area: 'Phạm vi', whole: 'Toàn hệ thống', state: 'Tình trạng', lastLogin: 'Đăng nhập gần nhất', created: 'Tạo lúc',
    active: 'Đang dùng', none: 'Chưa có người dùng nào.', loading: 'Đang tải…', edit: 'Sửa', reset: 'Đặt lại mật khẩu',
    disable: 'Vô hiệu hoá', enable: 'Kích hoạt lại', unlock: 'Gỡ tạm khoá', lockedUntil: 'Tạm khoá đến {time}',
    newTitle: 'Thêm người dùng', editTitle: 'Sửa {username}', save: 'Lưu', created_: 'Đã tạo {username}.', saved: 'Đã lưu {username}.',
    resetTitle: 'Đặt mật khẩu mới cho {username}', resetDone: 'Đã đặt mật khẩu mới; các phiên của {username} đã đóng.',
    disableTitle: 'Vô hiệu hoá tài khoản {username}?', disableMessage: 'Người này bị đăng xuất ngay và không đăng nhập được nữa.',
    disabled: 'Đã vô hiệu hoá {username}.', enabled: 'Đã kích hoạt lại {username}.', unlocked: 'Đã gỡ tạm khoá {username}.',
    roleHint: 'Mỗi vai trò có mọi quyền của các vai trò đứng trước.', you: '(bạn)',
  },
  en: {
    title: 'Users', add: 'Add user', username: 'User name', displayName: 'Full name', role: 'Role', area: 'Scope',
    whole: 'Whole installation', state: 'State', lastLogin: 'Last sign-in', created: 'Created', active: 'Active',
    none: 'No users yet.', loading: 'Loading…', edit: 'Edit', reset: 'Reset password', disable: 'Disable',
    enable: 'Enable', unlock: 'Unlock', lockedUntil: 'Locked until {time}', newTitle: 'Add user',
    editTitle: 'Edit {username}', save: 'Save', created_: '{username} created.', saved: '{username} saved.', resetTitle: 'New password for {username}',
    resetDone: 'Password set; the sessions of {username} were closed.', disableTitle: 'Disable {username}?',
    disableMessage: 'They are signed out at once and cannot sign in any more.', disabled: '{username} disabled.',
    enabled: '{username} enabled.', unlocked: '{username} unlocked.',
    roleHint: 'Each role has every right of the roles before it.', you: '(you)',
  },
});

function isLocked(user) {
  return Boolean(user.lockedUntil) && Date.parse(user.lockedUntil) > Date.now();
}

class UsersPage extends LoaElement {
  static properties = {
    params: {attribute: false},
    query: {attribute: false},
    users: {state: true},
    editing: {state: true},
    resetting: {state: true},
    formError: {state: true},
    error: {state: true},
    busy: {state: true},
  };

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.users = (await api.get('/api/users', {limit: MAX_PAGE})).items;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  openForm(user) {
    this.editing = user ?? {username: '', displayName: '', role: 'operator', areaId: session.scopeAreaId, isNew: true};
    this.formError = null;
    this.updateComplete.then(() => {
      this.querySelector('[data-testid="user-form"] form').reset(); // back to the attributes: this user's values
      this.querySelector('[data-testid="user-form-area"]').value = this.editing.areaId ?? null;
      this.querySelector('[data-testid="user-form"]').showModal();
    });
  }

  openReset(user) {
    this.resetting = user;
    this.formError = null;
    this.updateComplete.then(() => {
      this.querySelector('[data-testid="reset-form"] form').reset();
      this.querySelector('[data-testid="reset-form"]').showModal();
    });
  }

  closeDialogs() {
    this.querySelectorAll('dialog').forEach((d) => d.open && d.close());
  }

  async save(event) {
    event.preventDefault();
    const form = event.target.elements;
    const user = this.editing;
    const areaId = this.querySelector('[data-testid="user-form-area"]').value ?? null;
    const fields = {displayName: form.displayName.value.trim(), role: form.role.value, areaId};
    if (user.isNew) {
      const problem = passwordProblem(form.password.value, form.repeat.value);
      if (problem) {
        this.formError = problem;
        return;
      }
    }
    await this.run(async () => {
      if (user.isNew) {
        const username = form.username.value.trim();
        await api.post('/api/users', {username, password: form.password.value, ...fields});
        showToast(t('created_', {username}));
      } else {
        await api.patch(`/api/users/${encodeURIComponent(user.username)}`, fields);
        showToast(t('saved', {username: user.username}));
      }
    });
  }

  async resetPassword(event) {
    event.preventDefault();
    const form = event.target.elements;
    const problem = passwordProblem(form.password.value, form.repeat.value);
    if (problem) {
      this.formError = problem;
      return;
    }
    const username = this.resetting.username;
    await this.run(async () => {
      await api.post(`/api/users/${encodeURIComponent(username)}/password`, {password: form.password.value});
      showToast(t('resetDone', {username}));
    });
  }

  /** Runs a change from a dialog: closes it and reloads on success, keeps it open with the server's error if not. */
  async run(change) {
    this.busy = true;
    try {
      await change();
      this.closeDialogs();
      this.formError = null;
      await this.load();
    } catch (error) {
      this.formError = error;
    } finally {
      this.busy = false;
    }
  }

  async setDisabled(user, disabled) {
    if (disabled && !await confirmAction({title: t('disableTitle', {username: user.username}),
      message: t('disableMessage'), confirmLabel: t('disable'), danger: true})) {
      return;
    }
    await this.act(() => api.patch(`/api/users/${encodeURIComponent(user.username)}`, {disabled}),
      t(disabled ? 'disabled' : 'enabled', {username: user.username}));
  }

  async unlock(user) {
    await this.act(() => api.post(`/api/users/${encodeURIComponent(user.username)}/unlock`),
      t('unlocked', {username: user.username}));
  }

  async act(change, done) {
    try {
      await change();
      showToast(done);
      await this.load();
    } catch (error) {
      showError(error);
    }
  }

  renderState(user) {
    if (user.disabled) {
      return html`<loa-status-badge status="disabled"></loa-status-badge>`;
    }
    if (isLocked(user)) {
      return html`<loa-status-badge status="locked" title=${t('lockedUntil', {time: formatDateTime(user.lockedUntil)})}>
        </loa-status-badge>`;
    }
    return html`<span class="badge badge-active">${t('active')}</span>`;
  }

  renderRow(user) {
    const self = user.username === session.user?.username;
    return html`<tr data-testid="user-row" data-username=${user.username}>
      <td><strong>${user.username}</strong> ${self ? html`<span class="muted">${t('you')}</span>` : nothing}</td>
      <td>${user.displayName || '—'}</td>
      <td>${roleLabel(user.role)}</td>
      <td>${user.areaId == null ? t('whole') : user.areaName ?? `#${user.areaId}`}</td>
      <td>${this.renderState(user)}</td>
      <td>${formatDateTime(user.lastLoginAt)}</td>
      <td class="actions-cell">
        <button type="button" data-testid="user-edit" @click=${() => this.openForm(user)}>${t('edit')}</button>
        <button type="button" data-testid="user-reset" @click=${() => this.openReset(user)}>${t('reset')}</button>
        ${isLocked(user) ? html`<button type="button" data-testid="user-unlock" @click=${() => this.unlock(user)}>
          ${t('unlock')}</button>` : nothing}
        ${self ? nothing : user.disabled
          ? html`<button type="button" data-testid="user-enable" @click=${() => this.setDisabled(user, false)}>${t('enable')}</button>`
          : html`<button type="button" data-testid="user-disable" @click=${() => this.setDisabled(user, true)}>${t('disable')}</button>`}
      </td>
    </tr>`;
  }

  /** One of the page's two dialogs: a form that shows its own error and keeps its values until saved. */
  renderDialog({testId, title, onSubmit, saveTestId, fields}) {
    return html`<dialog data-testid=${testId} aria-label=${title}>
      <form @submit=${onSubmit}>
        <h2>${title}</h2>
        ${this.formError ? html`<loa-error-banner .error=${this.formError}></loa-error-banner>` : nothing}
        ${fields}
        ${dialogButtons({onCancel: () => this.closeDialogs(), saveLabel: t('save'), saveTestId, busy: this.busy})}
      </form>
    </dialog>`;
  }

  renderUserForm() {
    const u = this.editing ?? {};
    return this.renderDialog({
      testId: 'user-form',
      title: u.isNew ? t('newTitle') : t('editTitle', {username: u.username}),
      onSubmit: (e) => this.save(e),
      saveTestId: 'user-form-save',
      fields: html`${u.isNew ? html`<label class="field">${t('username')}<input name="username" required maxlength="64"
          autocomplete="off" autocapitalize="none" spellcheck="false" data-testid="user-form-username"></label>` : nothing}
        <label class="field">${t('displayName')}<input name="displayName" maxlength="100" value=${u.displayName ?? ''}
          data-testid="user-form-display-name"></label>
        <label class="field">${t('role')}<select name="role" data-testid="user-form-role">
          ${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${roleLabel(r)}</option>`)}</select>
          <small class="muted">${t('roleHint')}</small></label>
        <loa-area-picker data-testid="user-form-area" label=${t('area')} ?all-option=${session.scopeAreaId == null}
          .value=${u.areaId ?? null}></loa-area-picker>
        ${u.isNew ? newPasswordFields({name: 'password', testId: 'user-form-password',
          repeatTestId: 'user-form-password-repeat'}) : nothing}`,
    });
  }

  renderResetForm() {
    return this.renderDialog({
      testId: 'reset-form',
      title: t('resetTitle', {username: this.resetting?.username ?? ''}),
      onSubmit: (e) => this.resetPassword(e),
      saveTestId: 'reset-save',
      fields: newPasswordFields({name: 'password', testId: 'reset-password', repeatTestId: 'reset-password-repeat'}),
    });
  }

  render() {
    const users = this.users;
    return html`<section data-page="users">
      <div class="page-header"><h1>${t('title')}</h1>
        <button type="button" class="primary" data-testid="user-new" @click=${() => this.openForm(null)}>${t('add')}</button></div>
      ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
      ${!users ? (this.error ? nothing : html`<p class="muted">${t('loading')}</p>`) : users.length ? html`<div class="table-wrap">
        <table><thead><tr><th>${t('username')}</th><th>${t('displayName')}</th><th>${t('role')}</th><th>${t('area')}</th>
          <th>${t('state')}</th><th>${t('lastLogin')}</th><th></th></tr></thead>
        <tbody>${users.map((u) => this.renderRow(u))}</tbody></table></div>` : html`<p class="empty">${t('none')}</p>`}
      ${this.renderUserForm()}
      ${this.renderResetForm()}
    </section>`;
  }
}
customElements.define('loa-page-users', UsersPage);

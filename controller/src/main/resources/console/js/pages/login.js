// Sign-in page (#/login). Test ids: login-username, login-password, login-submit. After signing in the shell goes to
// the page asked for before (?next=) or the dashboard.
import {html, nothing} from 'lit';
import {translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {session} from '../session.js';

const t = translations({
  vi: {
    title: 'Đăng nhập', lead: 'Hệ thống quản lý đài truyền thanh cơ sở', username: 'Tên đăng nhập',
    password: 'Mật khẩu', submit: 'Đăng nhập', busy: 'Đang đăng nhập…', wrong: 'Sai tên đăng nhập hoặc mật khẩu.',
    locked: 'Đăng nhập sai quá nhiều lần. Thử lại sau {seconds} giây.',
  },
  en: {
    title: 'Sign in', lead: 'Commune radio management', username: 'User name', password: 'Password',
    submit: 'Sign in', busy: 'Signing in…', wrong: 'Wrong user name or password.',
    locked: 'Too many failed attempts. Try again in {seconds} seconds.',
  },
});

class LoginPage extends LoaElement {
  static properties = {error: {state: true}, busy: {state: true}};

  async submit(event) {
    event.preventDefault();
    const form = event.target;
    this.busy = true;
    this.error = null;
    try {
      await session.login(form.elements.username.value.trim(), form.elements.password.value);
    } catch (error) {
      this.error = this.explain(error);
      form.elements.password.value = '';
      form.elements.password.focus();
    } finally {
      this.busy = false;
    }
  }

  explain(error) {
    if (error.status === 401) {
      return t('wrong');
    }
    if (error.status === 429) {
      return t('locked', {seconds: error.detail?.retryAfterSeconds ?? '…'});
    }
    return error;
  }

  firstUpdated() {
    this.querySelector('[data-testid="login-username"]')?.focus();
  }

  render() {
    return html`<section class="login" data-page="login">
      <form class="card login-card" @submit=${(e) => this.submit(e)}>
        <h1>${t('title')}</h1>
        <p class="muted">${t('lead')}</p>
        ${this.error ? html`<loa-error-banner .error=${this.error}></loa-error-banner>` : nothing}
        <label class="field">${t('username')}
          <input name="username" data-testid="login-username" autocomplete="username" required autocapitalize="none"
            spellcheck="false"></label>
        <label class="field">${t('password')}
          <input name="password" type="password" data-testid="login-password" autocomplete="current-password"
            required></label>
        <button type="submit" class="primary wide" data-testid="login-submit" ?disabled=${this.busy}>
          ${this.busy ? t('busy') : t('submit')}</button>
      </form>
    </section>`;
  }
}
customElements.define('loa-page-login', LoginPage);

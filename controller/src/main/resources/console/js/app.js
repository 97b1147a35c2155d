// The console shell: the router, the nav (only the pages the user's role may open), the language switch, the user
// menu (change password, sign out) and the live-feed indicator. Each page is <loa-page-<name>> with properties
// `params` (path segments after the page name) and `query` (URLSearchParams); see routes.js.
//
// Test ids: nav-<page>, language-switch (a select: vi/en), logout, user-menu, change-password, nav-toggle,
// connection-status (attribute data-status: open | connecting | reconnecting | offline).
import {html, nothing} from 'lit';
import {UNAUTHORIZED_EVENT} from './api.js';
import {events} from './events.js';
import {currentLanguage, LANGUAGES, setLanguage, translations} from './i18n.js';
import {LoaElement} from './loa-element.js';
import {HOME, LOGIN_ROUTE, navigate, PAGE_MODULES, parseHash, ROUTES} from './routes.js';
import {roleLabel, session} from './session.js';
import {clearError, forgetScope, showError} from './ui.js';
import './password-dialog.js';

const t = translations({
  vi: {
    brand: 'Loa', skip: 'Bỏ qua, tới nội dung chính', menu: 'Mở trình đơn',
    'nav.dashboard': 'Tổng quan', 'nav.speakers': 'Cụm loa', 'nav.media': 'Thư viện', 'nav.schedules': 'Lịch phát',
    'nav.live': 'Phát trực tiếp', 'nav.broadcasts': 'Bản tin đã phát', 'nav.reports': 'Báo cáo',
    'nav.audit': 'Nhật ký', 'nav.users': 'Người dùng', 'nav.login': 'Đăng nhập',
    language: 'Ngôn ngữ', logout: 'Đăng xuất', changePassword: 'Đổi mật khẩu', wholeInstallation: 'Toàn hệ thống',
    'conn.open': 'Trực tuyến', 'conn.connecting': 'Đang kết nối…',
    'conn.reconnecting': 'Mất kết nối, đang thử lại…', 'conn.offline': 'Ngoại tuyến',
    'conn.browserOffline': 'Máy tính không có mạng', pageMissing: 'Không mở được trang {name}: {message}',
  },
  en: {
    brand: 'Loa', skip: 'Skip to main content', menu: 'Open menu',
    'nav.dashboard': 'Dashboard', 'nav.speakers': 'Speakers', 'nav.media': 'Media', 'nav.schedules': 'Schedules',
    'nav.live': 'Go live', 'nav.broadcasts': 'Broadcasts', 'nav.reports': 'Reports', 'nav.audit': 'Audit log',
    'nav.users': 'Users', 'nav.login': 'Sign in',
    language: 'Language', logout: 'Sign out', changePassword: 'Change password', wholeInstallation: 'Whole installation',
    'conn.open': 'Live', 'conn.connecting': 'Connecting…',
    'conn.reconnecting': 'Connection lost, retrying…', 'conn.offline': 'Offline',
    'conn.browserOffline': 'This computer is offline', pageMissing: 'Cannot open the page {name}: {message}',
  },
});

const LANGUAGE_NAMES = {vi: 'Tiếng Việt', en: 'English'};

class LoaApp extends LoaElement {
  static properties = {
    route: {state: true},
    user: {state: true},
    connection: {state: true},
    browserOnline: {state: true},
    menuOpen: {state: true},
    ready: {state: true},
  };

  constructor() {
    super();
    this.connection = events.status;
    this.browserOnline = navigator.onLine;
    this.onHashChange = () => this.showRoute();
    this.onUnauthorized = () => this.signedOut();
    this.onNetwork = () => {
      this.browserOnline = navigator.onLine;
    };
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    this.whileConnected(() => {
      window.removeEventListener('hashchange', this.onHashChange);
      window.removeEventListener(UNAUTHORIZED_EVENT, this.onUnauthorized);
      window.removeEventListener('online', this.onNetwork);
      window.removeEventListener('offline', this.onNetwork);
    });
    this.whileConnected(events.onStatus((status) => {
      this.connection = status;
    }));
    this.whileConnected(session.onChange((user) => this.userChanged(user)));
    session.load().then(() => {
      this.ready = true;
      this.userChanged(session.user);
    }, (error) => {
      this.ready = true;
      showError(error);
    });
  }

  userChanged(user) {
    const previous = this.user;
    this.user = user;
    if (user && !previous) {
      events.connect();
    }
    if (!user && previous) {
      events.disconnect();
      forgetScope();
    }
    this.showRoute();
  }

  signedOut() {
    session.expired();
  }

  async logout() {
    try {
      await session.logout();
    } catch (error) {
      showError(error);
    }
    navigate(LOGIN_ROUTE.name);
  }

  /** Decides which page the hash asks for and whether this user may see it; replaces the page element if needed. */
  async showRoute() {
    if (!this.ready) {
      return;
    }
    const wanted = parseHash(window.location.hash);
    this.menuOpen = false;
    if (!this.user) {
      if (wanted.name !== LOGIN_ROUTE.name) {
        const next = window.location.hash && !window.location.hash.startsWith('#/login') ? window.location.hash : '';
        window.location.replace(`#/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
        return;
      }
    } else if (wanted.name === LOGIN_ROUTE.name || !this.allowed(wanted.name)) {
      const next = wanted.query.get('next');
      // only a page of the console: ?next= comes from the address bar and must not lead to another site
      window.location.replace(next?.startsWith('#/') ? next : `#/${HOME}`);
      return;
    }
    const key = window.location.hash;
    if (this.route?.key === key) {
      return;
    }
    clearError();
    this.route = {...wanted, key, element: null};
    try {
      await PAGE_MODULES[wanted.name]();
    } catch (error) {
      showError(new Error(t('pageMissing', {name: wanted.name, message: error.message})));
      return;
    }
    if (this.route.key !== key) {
      return; // the user went elsewhere while the page loaded
    }
    const element = document.createElement(`loa-page-${wanted.name}`);
    element.params = wanted.params;
    element.query = wanted.query;
    this.route = {...this.route, element};
  }

  updated() {
    if (this.route) {
      document.title = `${t(`nav.${this.route.name}`)} · ${t('brand')}`; // also after a language switch
    }
  }

  allowed(name) {
    const route = ROUTES.find((r) => r.name === name);
    return Boolean(route) && session.can(route.role);
  }

  renderNav() {
    const current = this.route?.name;
    return html`<nav id="main-nav" class="main-nav ${this.menuOpen ? 'open' : ''}" aria-label=${t('brand')}>
      ${ROUTES.filter((r) => session.can(r.role)).map((r) => html`<a href="#/${r.name}" data-testid="nav-${r.name}"
        aria-current=${r.name === current ? 'page' : 'false'}>${t(`nav.${r.name}`)}</a>`)}
    </nav>`;
  }

  renderConnection() {
    const status = this.browserOnline ? this.connection : 'offline';
    const label = this.browserOnline ? t(`conn.${status}`) : t('conn.browserOffline');
    return html`<span class="connection connection-${status}" data-testid="connection-status" data-status=${status}
      role="status" title=${label}><span class="dot" aria-hidden="true"></span><span class="connection-label">${label}</span></span>`;
  }

  renderLanguageSwitch() {
    return html`<label class="language"><span class="visually-hidden">${t('language')}</span>
      <select data-testid="language-switch" aria-label=${t('language')} @change=${(e) => setLanguage(e.target.value)}>
        ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === currentLanguage()}>${LANGUAGE_NAMES[l]}</option>`)}
      </select></label>`;
  }

  renderUser() {
    const u = this.user;
    return html`<details class="user-menu" data-testid="user-menu">
      <summary><span class="user-name">${u.displayName || u.username}</span>
        <span class="muted">${roleLabel(u.role)}</span></summary>
      <div class="user-menu-body">
        <p><strong>${u.username}</strong><br>${roleLabel(u.role)} · ${u.areaName || t('wholeInstallation')}</p>
        <button type="button" data-testid="change-password"
          @click=${(e) => { e.target.closest('details').open = false; this.querySelector('loa-password-dialog').open(); }}>
          ${t('changePassword')}</button>
        <button type="button" data-testid="logout" @click=${() => this.logout()}>${t('logout')}</button>
      </div>
    </details>`;
  }

  render() {
    const signedIn = Boolean(this.user);
    return html`<a class="skip-link" href="#main" @click=${(e) => { e.preventDefault(); this.querySelector('#main')?.focus(); }}>
        ${t('skip')}</a>
      <header class="shell-header">
        <a class="brand" href="#/${signedIn ? HOME : 'login'}"><img src="/img/loa.svg" alt="" width="28" height="28">
          <span>${t('brand')}</span></a>
        ${signedIn ? html`<button type="button" class="nav-toggle" data-testid="nav-toggle" aria-controls="main-nav"
          aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-label=${t('menu')}
          @click=${() => { this.menuOpen = !this.menuOpen; }}>☰</button>${this.renderNav()}` : html`<span class="spacer"></span>`}
        <div class="shell-tools">
          ${signedIn ? this.renderConnection() : nothing}
          ${this.renderLanguageSwitch()}
          ${signedIn ? this.renderUser() : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">
        <loa-error-banner global></loa-error-banner>
        ${this.route?.element ?? nothing}
      </main>
      ${signedIn ? html`<loa-password-dialog></loa-password-dialog>` : nothing}
      <loa-toast></loa-toast>
      <loa-confirm></loa-confirm>`;
  }
}
customElements.define('loa-app', LoaApp);

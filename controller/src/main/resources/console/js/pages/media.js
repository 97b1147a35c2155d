// Media library page: the bulletins with their approval state, filters, a preview player; editors upload files
// (with a progress bar) and write text-to-speech bulletins; approvers approve or reject (with a note); delete.
//
// Test ids: media-filter-approval, media-search, media-file, media-title, media-upload, media-progress,
// tts-title, tts-text, tts-voice, tts-create, media-row (data-media-id, data-approval), media-play, media-approve,
// media-reject, media-reject-note, media-reject-confirm, media-delete, media-player.
import {html, nothing} from 'lit';
import {api} from '../api.js';
import {formatDateTime, formatDuration, formatNumber, translations} from '../i18n.js';
import {LoaElement} from '../loa-element.js';
import {session} from '../session.js';
import {confirmAction, showToast} from '../ui.js';
import {usePageStyles} from './page-styles.js';

const t = translations({
  vi: {
    title: 'Thư viện bản tin', approval: 'Trạng thái', all: 'Tất cả', draft: 'Bản nháp', approved: 'Đã duyệt',
    rejected: 'Bị từ chối', search: 'Tìm theo tên…', upload: 'Tải tệp âm thanh lên', file: 'Tệp (MP3, WAV, AAC/M4A, Ogg/Opus, FLAC)',
    itemTitle: 'Tên bản tin', uploadButton: 'Tải lên', uploading: 'Đang tải lên {percent}%…', processing: 'Máy chủ đang xử lý…',
    uploaded: 'Đã tải lên «{title}».', chooseFile: 'Hãy chọn một tệp.', tts: 'Viết bản tin đọc tự động',
    ttsText: 'Nội dung cần đọc', voice: 'Giọng đọc', 'voice.vi': 'Miền Bắc', 'voice.vi-vn-x-central': 'Miền Trung',
    'voice.vi-vn-x-south': 'Miền Nam', ttsCreate: 'Tạo bản tin', ttsCreating: 'Đang đọc thành tiếng…',
    ttsCreated: 'Đã tạo bản tin «{title}»: nghe thử bên dưới.', chars: '{count}/{max} ký tự', needText: 'Hãy nhập tiêu đề và nội dung.',
    colTitle: 'Bản tin', colLength: 'Độ dài', colLoudness: 'Độ to', colKind: 'Loại', colState: 'Duyệt',
    colBy: 'Người tải / lúc', colActions: '', upload_kind: 'Tệp tải lên', tts_kind: 'Đọc tự động',
    loudness: '{source} LUFS, chỉnh {gain} dB', play: 'Nghe', approve: 'Duyệt', reject: 'Từ chối',
    rejectNote: 'Lý do từ chối (người soạn sẽ thấy)', rejectConfirm: 'Từ chối bản tin', cancel: 'Huỷ',
    delete: 'Xoá', deleteTitle: 'Xoá bản tin «{title}»?', deleteMessage: 'Tệp âm thanh sẽ bị xoá hẳn.',
    deleted: 'Đã xoá bản tin.', approvedToast: 'Đã duyệt «{title}».', rejectedToast: 'Đã từ chối «{title}».',
    by: 'duyệt bởi {name}', note: 'Ghi chú: {note}', empty: 'Không có bản tin nào.', loading: 'Đang tải…',
    nowPlaying: 'Đang nghe: {title}', close: 'Đóng',
  },
  en: {
    title: 'Media library', approval: 'State', all: 'All', draft: 'Draft', approved: 'Approved',
    rejected: 'Rejected', search: 'Search by title…', upload: 'Upload an audio file', file: 'File (MP3, WAV, AAC/M4A, Ogg/Opus, FLAC)',
    itemTitle: 'Title', uploadButton: 'Upload', uploading: 'Uploading {percent}%…', processing: 'The server is processing it…',
    uploaded: 'Uploaded “{title}”.', chooseFile: 'Choose a file first.', tts: 'Write a text-to-speech bulletin',
    ttsText: 'Text to read', voice: 'Voice', 'voice.vi': 'Northern', 'voice.vi-vn-x-central': 'Central',
    'voice.vi-vn-x-south': 'Southern', ttsCreate: 'Create bulletin', ttsCreating: 'Speaking the text…',
    ttsCreated: 'Created “{title}”: listen to it below.', chars: '{count}/{max} characters', needText: 'Enter a title and the text.',
    colTitle: 'Bulletin', colLength: 'Length', colLoudness: 'Loudness', colKind: 'Kind', colState: 'Approval',
    colBy: 'Uploaded by / at', colActions: '', upload_kind: 'Uploaded file', tts_kind: 'Text to speech',
    loudness: '{source} LUFS, {gain} dB gain', play: 'Listen', approve: 'Approve', reject: 'Reject',
    rejectNote: 'Why it is rejected (the author sees this)', rejectConfirm: 'Reject the bulletin', cancel: 'Cancel',
    delete: 'Delete', deleteTitle: 'Delete the bulletin “{title}”?', deleteMessage: 'Its audio file is deleted for good.',
    deleted: 'Bulletin deleted.', approvedToast: 'Approved “{title}”.', rejectedToast: 'Rejected “{title}”.',
    by: 'approved by {name}', note: 'Note: {note}', empty: 'No bulletins.', loading: 'Loading…',
    nowPlaying: 'Listening to: {title}', close: 'Close',
  },
});

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
/** Longest text-to-speech bulletin the server speaks (SourceSpec.MAX_TEXT_LENGTH). */
const MAX_TTS_CHARS = 5000;
const MAX_TITLE_CHARS = 300;
const APPROVALS = ['draft', 'approved', 'rejected'];
/** espeak-ng's Vietnamese voices the server speaks in (EspeakTextToSpeech.VOICES), the first its default. */
const VOICES = ['vi', 'vi-vn-x-central', 'vi-vn-x-south'];

class MediaPage extends LoaElement {
  static properties = {
    approval: {state: true},
    searchText: {state: true},
    page: {state: true},
    offset: {state: true},
    progress: {state: true},
    ttsText: {state: true},
    ttsBusy: {state: true},
    rejecting: {state: true},
    playing: {state: true},
    error: {state: true},
  };

  constructor() {
    super();
    this.approval = '';
    this.searchText = '';
    this.offset = 0;
    this.page = null;
    this.progress = null; // null when no upload runs; 0..1 while the file goes up
    this.ttsText = '';
    this.rejecting = null; // the item whose reject note is being written
    this.playing = null;
  }

  connectedCallback() {
    super.connectedCallback();
    usePageStyles('media');
    this.load();
  }

  async load() {
    try {
      this.page = await api.get('/api/media', {approval: this.approval, q: this.searchText.trim(), limit: PAGE_SIZE,
        offset: this.offset});
    } catch (error) {
      this.error = error;
    }
  }

  filter(changes) {
    Object.assign(this, changes, {offset: 0});
    this.load();
  }

  searchFor(text) {
    this.searchText = text;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.filter({}), SEARCH_DELAY_MS);
  }

  async upload(form) {
    const file = form.querySelector('[data-testid="media-file"]').files[0];
    if (!file) {
      this.error = new Error(t('chooseFile'));
      return;
    }
    const data = new FormData();
    data.append('file', file);
    const title = form.querySelector('[data-testid="media-title"]').value.trim();
    if (title) {
      data.append('title', title);
    }
    this.error = null;
    this.progress = 0;
    try {
      const item = await api.upload('/api/media', data, (fraction) => {
        this.progress = fraction;
      });
      form.reset();
      showToast(t('uploaded', {title: item.title}));
      this.filter({});
    } catch (error) {
      this.error = error;
    } finally {
      this.progress = null;
    }
  }

  async createSpeech(form) {
    const title = form.querySelector('[data-testid="tts-title"]').value.trim();
    const voice = form.querySelector('[data-testid="tts-voice"]').value;
    const text = this.ttsText.trim();
    if (!title || !text) {
      this.error = new Error(t('needText'));
      return;
    }
    this.error = null;
    this.ttsBusy = true;
    try {
      const item = await api.post('/api/media/tts', {title, text, voice});
      form.reset();
      this.ttsText = '';
      showToast(t('ttsCreated', {title: item.title}));
      this.playing = item;
      this.filter({});
    } catch (error) {
      this.error = error;
    } finally {
      this.ttsBusy = false;
    }
  }

  async approve(item) {
    await this.act(() => api.post(`/api/media/${item.id}/approve`), t('approvedToast', {title: item.title}));
  }

  async reject(item, note) {
    await this.act(() => api.post(`/api/media/${item.id}/reject`, {note}), t('rejectedToast', {title: item.title}));
    this.rejecting = null;
  }

  async deleteItem(item) {
    if (await confirmAction({title: t('deleteTitle', {title: item.title}), message: t('deleteMessage'),
      confirmLabel: t('delete'), danger: true})) {
      await this.act(() => api.del(`/api/media/${item.id}`), t('deleted'));
      if (this.playing?.id === item.id) {
        this.playing = null;
      }
    }
  }

  /** Runs one change; the server's refusal (e.g. "still scheduled") is shown as it said it. */
  async act(change, done) {
    try {
      await change();
      showToast(done);
      this.load();
    } catch (error) {
      this.error = error;
    }
  }

  render() {
    return html`<section data-page="media" class="page media-page">
      <h1>${t('title')}</h1>
      <loa-error-banner .error=${this.error} @dismiss=${() => { this.error = null; }}></loa-error-banner>
      ${session.can('editor') ? html`<div class="media-forms">${this.renderUpload()}${this.renderSpeech()}</div>`
        : nothing}
      ${this.renderPlayer()}
      <div class="toolbar">
        <label class="field">${t('approval')}
          <select data-testid="media-filter-approval" @change=${(e) => this.filter({approval: e.target.value})}>
            <option value="" ?selected=${!this.approval}>${t('all')}</option>
            ${APPROVALS.map((a) => html`<option value=${a} ?selected=${a === this.approval}>${t(a)}</option>`)}
          </select></label>
        <input type="search" data-testid="media-search" aria-label=${t('search')} placeholder=${t('search')}
          .value=${this.searchText} @input=${(e) => this.searchFor(e.target.value)}>
      </div>
      ${this.renderTable()}
      ${this.page ? html`<loa-pager total=${this.page.total} limit=${PAGE_SIZE} offset=${this.offset}
        @page=${(e) => { this.offset = e.detail.offset; this.load(); }}></loa-pager>` : nothing}
    </section>`;
  }

  renderUpload() {
    const busy = this.progress !== null;
    return html`<form class="card" @submit=${(e) => { e.preventDefault(); this.upload(e.target); }}>
      <h2>${t('upload')}</h2>
      <label class="field">${t('file')}
        <input type="file" data-testid="media-file" accept="audio/*,.mp3,.wav,.m4a,.aac,.ogg,.opus,.flac"
          ?disabled=${busy}></label>
      <label class="field">${t('itemTitle')}
        <input data-testid="media-title" maxlength=${MAX_TITLE_CHARS} ?disabled=${busy}></label>
      <div class="actions">
        <button type="submit" class="primary" data-testid="media-upload" ?disabled=${busy}>${t('uploadButton')}</button>
      </div>
      ${busy ? html`<div class="upload-progress">
        <progress data-testid="media-progress" max="1" .value=${this.progress}></progress>
        <span class="muted">${this.progress < 1 ? t('uploading', {percent: Math.floor(this.progress * 100)})
          : t('processing')}</span></div>` : nothing}
    </form>`;
  }

  renderSpeech() {
    return html`<form class="card" @submit=${(e) => { e.preventDefault(); this.createSpeech(e.target); }}>
      <h2>${t('tts')}</h2>
      <label class="field">${t('itemTitle')}
        <input data-testid="tts-title" maxlength=${MAX_TITLE_CHARS} ?disabled=${this.ttsBusy}></label>
      <label class="field">${t('ttsText')}
        <textarea data-testid="tts-text" rows="4" maxlength=${MAX_TTS_CHARS} ?disabled=${this.ttsBusy}
          .value=${this.ttsText} @input=${(e) => { this.ttsText = e.target.value; }}></textarea></label>
      <p class="muted">${t('chars', {count: formatNumber(this.ttsText.length), max: formatNumber(MAX_TTS_CHARS)})}</p>
      <label class="field">${t('voice')}
        <select data-testid="tts-voice" ?disabled=${this.ttsBusy}>
          ${VOICES.map((v) => html`<option value=${v}>${t(`voice.${v}`)}</option>`)}</select></label>
      <div class="actions">
        <button type="submit" class="primary" data-testid="tts-create" ?disabled=${this.ttsBusy}>
          ${this.ttsBusy ? t('ttsCreating') : t('ttsCreate')}</button>
      </div>
    </form>`;
  }

  renderPlayer() {
    if (!this.playing) {
      return nothing;
    }
    return html`<div class="media-player card">
      <span>${t('nowPlaying', {title: this.playing.title})}</span>
      <audio data-testid="media-player" controls autoplay preload="none"
        src="/api/media/${this.playing.id}/audio"></audio>
      <button type="button" class="icon-button" aria-label=${t('close')} @click=${() => { this.playing = null; }}>×</button>
    </div>`;
  }

  renderTable() {
    if (!this.page) {
      return html`<p class="muted">${t('loading')}</p>`;
    }
    if (!this.page.items.length) {
      return html`<p class="muted">${t('empty')}</p>`;
    }
    return html`<div class="table-wrap"><table class="media-table">
      <thead><tr><th>${t('colTitle')}</th><th>${t('colKind')}</th><th>${t('colLength')}</th>
        <th>${t('colLoudness')}</th><th>${t('colState')}</th><th>${t('colBy')}</th><th>${t('colActions')}</th></tr></thead>
      <tbody>${this.page.items.map((item) => this.renderRow(item))}</tbody>
    </table></div>`;
  }

  renderRow(item) {
    const approval = item.approval;
    return html`<tr data-testid="media-row" data-media-id=${item.id} data-approval=${approval}>
        <td><strong>${item.title}</strong>${item.text ? html`<br><span class="muted clamp">${item.text}</span>` : nothing}</td>
        <td>${t(`${item.kind}_kind`)}</td>
        <td>${formatDuration(item.durationMs / 1000)}</td>
        <td>${t('loudness', {source: formatNumber(item.sourceLoudnessLufs, {maximumFractionDigits: 1}),
          gain: formatNumber(item.gainDb, {maximumFractionDigits: 1, signDisplay: 'always'})})}</td>
        <td><loa-status-badge status=${approval}></loa-status-badge>
          ${item.approvedBy ? html`<br><span class="muted">${t('by', {name: item.approvedBy})}</span>` : nothing}
          ${item.reviewNote ? html`<br><span class="muted">${t('note', {note: item.reviewNote})}</span>` : nothing}</td>
        <td>${item.uploadedBy}<br><span class="muted">${formatDateTime(item.uploadedAt)}</span></td>
        <td class="actions-cell">${this.renderActions(item, approval)}</td>
      </tr>
      ${this.rejecting?.id === item.id ? this.renderRejectRow(item) : nothing}`;
  }

  renderActions(item, approval) {
    const approver = session.can('approver');
    return html`<button type="button" data-testid="media-play" @click=${() => { this.playing = item; }}>
        ▶ ${t('play')}</button>
      ${approver && approval !== 'approved' ? html`<button type="button" class="primary" data-testid="media-approve"
        @click=${() => this.approve(item)}>${t('approve')}</button>` : nothing}
      ${approver && approval === 'draft' ? html`<button type="button" data-testid="media-reject"
        @click=${() => { this.rejecting = item; }}>${t('reject')}</button>` : nothing}
      ${session.can('editor') ? html`<button type="button" class="danger" data-testid="media-delete"
        @click=${() => this.deleteItem(item)}>${t('delete')}</button>` : nothing}`;
  }

  renderRejectRow(item) {
    return html`<tr class="reject-row"><td colspan="7">
      <form @submit=${(e) => { e.preventDefault(); this.reject(item, e.target.note.value.trim()); }}>
        <label class="field">${t('rejectNote')}
          <textarea name="note" data-testid="media-reject-note" rows="2" required></textarea></label>
        <div class="actions">
          <button type="button" @click=${() => { this.rejecting = null; }}>${t('cancel')}</button>
          <button type="submit" class="danger" data-testid="media-reject-confirm">${t('rejectConfirm')}</button>
        </div>
      </form></td></tr>`;
  }
}
customElements.define('loa-page-media', MediaPage);

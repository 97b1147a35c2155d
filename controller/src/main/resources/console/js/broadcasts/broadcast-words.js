// Words for what the broadcast API returns (priorities, sources, end reasons, proof-of-play outcomes), shared by the
// live and broadcasts pages. An unknown value is shown as the server wrote it.
import {translations} from '../i18n.js';

const t = translations({
  vi: {
    'priority.NORMAL': 'Thường', 'priority.PRIORITY': 'Ưu tiên', 'priority.EMERGENCY': 'Khẩn cấp',
    'source.media': 'Bản tin', 'source.relay': 'Tiếp sóng', 'source.live': 'Trực tiếp', 'source.tts': 'Đọc tự động',
    'reason.stopped': 'dừng tay', 'reason.window-closed': 'hết giờ phát', 'reason.source-ended': 'phát hết bản tin',
    'reason.microphone-gone': 'micrô ngắt quá lâu', 'reason.media-withdrawn': 'bản tin bị rút khỏi sóng',
    'outcome.pending': 'Đang chờ', 'outcome.playing': 'Đang phát', 'outcome.preempted': 'Bị chen ngang',
    'outcome.played': 'Đã phát hết', 'outcome.partly_played': 'Phát một phần', 'outcome.offline': 'Mất kết nối',
    'outcome.rejected': 'Loa từ chối', 'outcome.failed': 'Lỗi',
  },
  en: {
    'priority.NORMAL': 'Normal', 'priority.PRIORITY': 'Priority', 'priority.EMERGENCY': 'Emergency',
    'source.media': 'Bulletin', 'source.relay': 'Relay', 'source.live': 'Live', 'source.tts': 'Text to speech',
    'reason.stopped': 'stopped by hand', 'reason.window-closed': 'its window closed', 'reason.source-ended': 'the source ended',
    'reason.microphone-gone': 'the microphone was gone too long', 'reason.media-withdrawn': 'its bulletin was withdrawn',
    'outcome.pending': 'Pending', 'outcome.playing': 'Playing', 'outcome.preempted': 'Preempted',
    'outcome.played': 'Played', 'outcome.partly_played': 'Partly played', 'outcome.offline': 'Offline',
    'outcome.rejected': 'Rejected by the speaker', 'outcome.failed': 'Failed',
  },
});

/** The proof-of-play outcomes in the order a report lists them. */
export const OUTCOMES = ['playing', 'pending', 'played', 'partly_played', 'preempted', 'offline', 'rejected', 'failed'];

function word(kind, value) {
  const key = `${kind}.${value}`;
  const text = t(key);
  return text === key ? String(value ?? '—') : text;
}

export const priorityWord = (priority) => word('priority', priority);
export const sourceWord = (source) => word('source', source?.type);
export const endReasonWord = (reason) => word('reason', reason);
export const outcomeWord = (outcome) => word('outcome', outcome);

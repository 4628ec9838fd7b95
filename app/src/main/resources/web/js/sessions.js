// Live sessions (rooms) as the booking plane knows them: title, merchant, planned times.

import { get, dateTimeText, timeText } from './api.js';

/** {title, subtitle, session} of a room, or null when the booking plane does not know it. */
export async function roomTitle(room) {
  try {
    const s = await get(`/api/sessions/${encodeURIComponent(room)}`);
    return { title: s.title || room, subtitle: [s.merchantName, plannedText(s)].filter(Boolean).join(' · '), session: s };
  } catch {
    return null;
  }
}

/** "Sun, Nov 29, 16:00 – 20:00" in the reader's own zone. */
export function plannedText(s) {
  if (!s.start || !s.end) return '';
  return `${dateTimeText(Date.parse(s.start))} – ${timeText(Date.parse(s.end))}`;
}

export async function sessions() {
  const list = await get('/api/sessions');
  return list.sessions || [];
}

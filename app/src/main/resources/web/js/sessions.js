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

/**
 * "Sun, Nov 29, 16:00 – 20:00": in the reader's own zone, or with inStudioZone in the zone the
 * session was booked in (the merchant's calendar speaks studio time), named after it.
 */
export function plannedText(s, inStudioZone = false) {
  if (!s.start || !s.end) return '';
  if (inStudioZone && s.timeZone) {
    const opts = { timeZone: s.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    const day = new Date(Date.parse(s.start)).toLocaleDateString([], { timeZone: s.timeZone, weekday: 'short', month: 'short', day: 'numeric' });
    const at = (iso) => new Date(Date.parse(iso)).toLocaleTimeString([], opts);
    return `${day}, ${at(s.start)}–${at(s.end)} (${s.timeZone})`;
  }
  return `${dateTimeText(Date.parse(s.start))} – ${timeText(Date.parse(s.end))}`;
}

export async function sessions() {
  const list = await get('/api/sessions');
  return list.sessions || [];
}

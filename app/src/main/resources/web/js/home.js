// "/" Live now: rooms on air with a thumbnail, title and viewer count; sessions coming up.

import { get, el, mountSignIn, dateTimeText } from './api.js';
import { sessions as loadSessions, plannedText } from './sessions.js';

const $ = (id) => document.getElementById(id);
mountSignIn($('who'));

// The stream list counts the edge's own consumers (HLS muxer, recorder) beside real players.
const NOT_PEOPLE = new Set(['hls', 'record', 'recording', 'thumbnail']);

function viewersOf(stream, presence) {
  const media = Object.entries(stream.viewers || {}).filter(([k]) => !NOT_PEOPLE.has(k)).reduce((a, [, n]) => a + n, 0);
  return Math.max(media, presence ? presence.viewers : 0);
}

async function refresh() {
  let streams = [], sessions = [];
  try { streams = (await get('/api/streams')).streams || []; } catch { /* edge not on this node */ }
  try { sessions = await loadSessions(); } catch { /* booking not on this node */ }
  const byRoom = new Map(sessions.map((s) => [s.room, s]));
  const live = $('live');
  const cards = await Promise.all(streams.filter((s) => s.publishing !== false).map(async (stream) => {
    const s = byRoom.get(stream.id);
    let presence = null;
    try { presence = await get(`/api/rooms/${encodeURIComponent(stream.id)}/presence`); } catch { /* no chat yet */ }
    const n = viewersOf(stream, presence);
    const href = `/watch/${encodeURIComponent(stream.id)}`;
    return el('a', { class: 'card room', href, 'aria-label': `Watch ${s ? s.title : stream.id}` },
      el('img', { class: 'thumb', src: `/api/streams/${encodeURIComponent(stream.id)}/thumbnail.jpg?t=${Date.now() >> 13}`, alt: '', loading: 'lazy' }),
      el('span', { class: 'badge' }, 'LIVE'), ' ',
      el('span', { class: 'muted' }, `${n} watching`),
      el('h3', {}, s ? s.title : stream.id),
      el('p', { class: 'muted' }, s ? s.merchantName : ''));
  }));
  live.textContent = '';
  if (cards.length) live.append(...cards);
  else live.append(el('p', { class: 'muted' }, 'Nobody is live right now. See what is coming up below.'));

  const liveIds = new Set(streams.map((s) => s.id));
  const upcoming = sessions.filter((s) => !liveIds.has(s.room) && (s.state === 'upcoming' || s.state === 'live'));
  const list = $('upcoming');
  list.textContent = '';
  if (!upcoming.length) list.append(el('p', { class: 'muted' }, 'No sessions booked yet.'));
  for (const s of upcoming) {
    list.append(el('div', { class: 'card' },
      el('span', { class: 'badge soon' }, s.state === 'live' ? 'starting' : 'upcoming'),
      el('h3', {}, s.title),
      el('p', { class: 'muted' }, [s.merchantName, plannedText(s)].filter(Boolean).join(' · '))));
  }
}

refresh();
setInterval(refresh, 10000);

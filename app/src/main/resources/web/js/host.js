// /host: the host's console for one show: OBS settings, a preview, live figures, pin and
// open/close the flash sales on cue, and moderation of the chat.

import { get, post, put, el, status, text, session, hasRole, mountSignIn, onSession, yuan } from './api.js';
import { attachPlayer } from './player.js';
import { ChatClient, chatErrorText } from './chat.js';
import { ChatView } from './chat-view.js';
import { rtmpUrl } from './calendar.js';

const $ = (id) => document.getElementById(id);
const WINDOW_MS = 5000;
mountSignIn($('who'), 'host');
text($('rtmp-url'), rtmpUrl());

let room = new URLSearchParams(location.search).get('room');
let player = null, chat = null;
let sales = [];
const chatTimes = [];     // [at, count] of chat lines seen
const orderTimes = [];    // [at, count] of orders announced
let eventGmvFen = 0;      // from the room's order events, for hosts who cannot read the merchant's figures

function gate() {
  const ok = hasRole('host') || hasRole('moderator');
  status($('host-signin'), ok ? '' : 'Sign in as host (top right) to run the show.', ok ? '' : 'warn');
  return ok;
}

async function loadRooms() {
  const options = new Map();
  try { for (const s of (await get('/api/sessions')).sessions || []) options.set(s.room, s.title); } catch { /* no booking here */ }
  try { for (const s of (await get('/api/streams')).streams || []) if (!options.has(s.id)) options.set(s.id, s.id); } catch { /* no edge here */ }
  if (room && !options.has(room)) options.set(room, room);
  const select = $('room');
  select.replaceChildren(...[...options].map(([id, title]) => el('option', { value: id }, title)));
  if (!room && options.size) room = options.keys().next().value;
  if (room) select.value = room;
  select.onchange = () => { room = select.value; history.replaceState(null, '', '?room=' + encodeURIComponent(room)); open(); };
  if (!options.size) status($('sales-status'), 'No shows are booked yet: book one on the merchant page.', 'warn');
}

function open() {
  if (!room) return;
  $('watch-link').href = '/watch/' + encodeURIComponent(room);
  if (player) player.stop();
  player = attachPlayer($('preview'), room, (m, kind) => status($('preview-state'), kind === 'live' ? 'You are live.' : m, kind === 'live' ? 'ok' : ''));
  if (chat) chat.close();
  $('messages').replaceChildren();
  chatTimes.length = 0; orderTimes.length = 0; eventGmvFen = 0;
  const view = new ChatView($('messages'), {
    saleName: (ev) => (sales.find((s) => s.id === ev.sale) || {}).name,
    moderation: {
      remove: (item) => moderate('delete', { seq: item.seq }, 'Message deleted.'),
      timeout: (item) => moderate('timeout', { user: item.user, seconds: 300 }, `${item.name} is muted for 5 minutes.`),
      ban: (item) => confirm(`Ban ${item.name} from this room?`) && moderate('ban', { user: item.user }, `${item.name} is banned.`),
    },
  });
  chat = new ChatClient(room, {
    onItem: (item) => {
      const now = Date.now();
      if (item.type === 'chat') chatTimes.push([now, 1]);
      if (item.type === 'event' && item.event) {
        const ev = item.event;
        if (ev.type === 'order_placed') {
          orderTimes.push([now, ev.count || 1]);
          const sale = sales.find((s) => s.id === ev.sale);
          if (sale) eventGmvFen += (ev.count || 1) * (ev.units || 1) * sale.priceFen;
        }
        if (['sale_opened', 'sale_closed', 'sold_out', 'product_pinned'].includes(ev.type)) loadSales();
        if (ev.type === 'units_left') { const s = sales.find((x) => x.id === ev.sale); if (s) { s.left = ev.left; renderSales(); } }
      }
      view.add(item);
    },
    onSkipped: (n) => chatTimes.push([Date.now(), n]),
    onPresence: (p) => { text($('presence'), `· ${p.viewers} watching, peak ${p.peak}`); text($('f-viewers'), p.viewers); },
    onState: (m, kind) => status($('chat-status'), m, kind === 'wait' ? 'warn' : ''),
    onError: (f) => status($('chat-status'), chatErrorText(f), 'bad'),
  });
  chat.connect();
  loadSales();
  loadRules();
}

async function moderate(action, body, done) {
  try { await post(`/api/rooms/${encodeURIComponent(room)}/moderation/${action}`, body); status($('chat-status'), done, 'ok'); }
  catch (e) { status($('chat-status'), e.message, 'bad'); }
}

async function loadRules() {
  if (!gate()) return;
  try {
    const r = await get(`/api/rooms/${encodeURIComponent(room)}/moderation`);
    $('slow-seconds').value = r.slowSeconds || 0;
    $('words').value = (r.words || []).join(', ');
  } catch { /* not a moderator */ }
}

$('slow-form').onsubmit = async (e) => {
  e.preventDefault();
  try { await put(`/api/rooms/${encodeURIComponent(room)}/moderation/slow-mode`, { seconds: Number($('slow-seconds').value) }); status($('chat-status'), 'Slow mode set.', 'ok'); }
  catch (err) { status($('chat-status'), err.message, 'bad'); }
};
$('words-form').onsubmit = async (e) => {
  e.preventDefault();
  const words = $('words').value.split(',').map((w) => w.trim()).filter(Boolean);
  try { await put(`/api/rooms/${encodeURIComponent(room)}/moderation/blocked-words`, { words }); status($('chat-status'), `${words.length} blocked words saved.`, 'ok'); }
  catch (err) { status($('chat-status'), err.message, 'bad'); }
};
$('chat-form').onsubmit = (e) => {
  e.preventDefault();
  const v = $('chat-text').value.trim();
  if (v && chat && chat.send(v)) $('chat-text').value = '';
};

async function loadSales() {
  try { sales = (await get(`/api/rooms/${encodeURIComponent(room)}/sales`)).sales || []; } catch { sales = []; }
  renderSales();
}

function renderSales() {
  $('sales').replaceChildren(...(sales.length ? sales.map((s) => el('tr', {},
    el('td', {}, s.name), el('td', {}, yuan(s.priceFen)), el('td', {}, s.state), el('td', {}, `${s.left} / ${s.offered}`),
    el('td', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', onclick: () => pin(s) }, 'Pin'),
      s.state === 'scheduled' ? el('button', { type: 'button', onclick: () => cue(s, 'open') }, 'Open sale') : null,
      s.state === 'open' ? el('button', { type: 'button', class: 'danger', onclick: () => cue(s, 'close') }, 'Close sale') : null)))
    : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No flash sales in this show yet (the merchant sets them up).'))]));
}

async function pin(s) {
  try { await post(`/api/rooms/${encodeURIComponent(room)}/pin`, { sku: s.sku, sale: s.id }); status($('sales-status'), `${s.name} is pinned for viewers.`, 'ok'); }
  catch (e) { status($('sales-status'), e.message, 'bad'); }
}

async function cue(s, action) {
  try {
    await post(`/api/sales/${encodeURIComponent(s.id)}/${action}`);
    status($('sales-status'), action === 'open' ? `${s.name}: the sale is open — go!` : `${s.name}: the sale is closed.`, 'ok');
  } catch (e) { status($('sales-status'), e.message, 'bad'); }
  loadSales();
}

$('new-key').onclick = async () => {
  if (!room || !confirm('Issue a new stream key? The current one stops working at once.')) return;
  try {
    const r = await post(`/api/sessions/${encodeURIComponent(room)}/key`);
    const out = $('key-out');
    out.hidden = false;
    out.replaceChildren('New stream key (shown once): ', el('code', { class: 'key' }, r.streamKey));
    status($('key-status'), '');
  } catch (e) {
    status($('key-status'), e.status === 403 ? 'Only the show\'s merchant can issue its stream key.' : e.message, 'bad');
  }
};

function perSecond(list) {
  const cut = Date.now() - WINDOW_MS;
  while (list.length && list[0][0] < cut) list.shift();
  return list.reduce((a, [, n]) => a + n, 0) / (WINDOW_MS / 1000);
}

async function figures() {
  text($('f-chat'), perSecond(chatTimes).toFixed(1));
  text($('f-orders'), perSecond(orderTimes).toFixed(1));
  let paid = 0, unpaid = 0, known = false;
  for (const s of sales) {
    try { const f = await get(`/api/sales/${encodeURIComponent(s.id)}/figures`); paid += f.gmvPaidFen; unpaid += f.gmvUnpaidFen; known = true; }
    catch { /* the merchant's figures; hosts see the estimate */ }
  }
  text($('f-gmv'), known ? yuan(paid + unpaid) : yuan(eventGmvFen));
  text($('f-gmv-note'), known ? ` ${yuan(paid)} paid` : ' ordered this session');
}

gate();
loadRooms().then(open);
onSession(() => { gate(); if (chat) chat.reconnect(); loadRules(); });
setInterval(() => figures().catch(() => {}), 2000);

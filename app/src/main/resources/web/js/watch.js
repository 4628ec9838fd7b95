// /watch/{room}: the player, the chat and the pinned product card of one live room.

import { get, getTimed, session, mountSignIn, onSession, roomFromLocation, status, text } from './api.js';
import { attachPlayer } from './player.js';
import { ChatClient, chatErrorText } from './chat.js';
import { ChatView } from './chat-view.js';
import { SaleCard } from './sale-card.js';
import { roomTitle } from './sessions.js';

const $ = (id) => document.getElementById(id);
const room = roomFromLocation();

mountSignIn($('who'), 'viewer');

if (!room) {
  text($('title'), 'No room chosen');
  status($('player-state'), 'Pick a live room on the Live now page.', 'warn');
} else {
  start();
}

function start() {
  document.title = `Blossom · ${room}`;
  text($('title'), room);
  roomTitle(room).then((info) => {
    if (!info) return;
    text($('title'), info.title);
    document.title = `Blossom · ${info.title}`;
    if (info.subtitle) text($('subtitle'), info.subtitle);
  });

  // Player
  const flag = $('live-flag');
  attachPlayer($('player'), room, (message, kind) => {
    status($('player-state'), kind === 'live' ? '' : message, kind === 'bad' ? 'bad' : '');
    flag.hidden = kind !== 'live';
  });

  // Product card: a sale named in the link, else the pinned one, else the room's most relevant sale.
  const card = new SaleCard();
  const wanted = new URLSearchParams(location.search).get('sale');
  chooseSale(card, wanted).catch(() => {});
  setInterval(() => card.refresh().catch(() => {}), 15000);

  // Chat
  const view = new ChatView($('messages'), { saleName: (ev) => (card.sale && ev.sale === card.sale.id ? card.sale.name : null) });
  const input = $('chat-text');
  const send = $('chat-send');
  const chat = new ChatClient(room, {
    onItem: (item) => {
      if (item.type === 'event' && item.event) {
        const ev = item.event;
        if (ev.type === 'product_pinned') onPinned(card, ev);
        else card.onEvent(ev);
      }
      view.add(item);
    },
    onPresence: (p) => text($('presence'), `· ${p.viewers} watching`),
    onState: (message, kind) => { status($('chat-status'), message, kind === 'wait' ? 'warn' : ''); $('chat-status').dataset.chat = kind; },
    onError: (f) => status($('chat-status'), chatErrorText(f), 'bad'),
    onAck: () => status($('chat-status'), ''),
    onMissed: (n) => view.notice(`Your connection was slow: ${n} updates were skipped.`),
    onSkipped: (n) => view.notice(`The chat is busy: ${n} messages not shown.`),
  });
  chat.connect();

  const canChat = () => {
    const s = session();
    input.disabled = !s; send.disabled = !s;
    input.placeholder = s ? `Say something as ${s.name}` : 'Sign in to chat';
  };
  canChat();
  onSession(() => { canChat(); chat.reconnect(); card.refresh().catch(() => {}); });

  $('chat-form').onsubmit = (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    if (chat.send(value)) {
      input.value = '';
      status($('chat-status'), '');
    } else {
      status($('chat-status'), 'Not connected to the chat yet; try again in a moment.', 'warn');
    }
  };
}

async function chooseSale(card, wanted) {
  if (wanted) { await card.showSale(wanted); return; }
  let pin = null;
  try { pin = await get(`/api/rooms/${encodeURIComponent(room)}/pin`); } catch { /* nothing pinned */ }
  if (pin && pin.sale) { await card.showSale(pin.sale); return; }
  const list = await getTimed(`/api/rooms/${encodeURIComponent(room)}/sales`);
  const best = pickSale(list.sales || []);
  if (best) await card.showSale(best.id);
  else if (pin && pin.product) card.showPinnedProduct(pin.product);
}

/** Open with stock first, then the next to open, then sold out, then the latest ended. */
export function pickSale(sales) {
  const rank = (s) => (s.state === 'open' && s.left > 0 ? 0 : s.state === 'scheduled' ? 1 : s.state === 'open' ? 2 : 3);
  return [...sales].sort((a, b) => rank(a) - rank(b)
    || (rank(a) === 1 ? (a.opensAt || Infinity) - (b.opensAt || Infinity) : (b.opensAt || 0) - (a.opensAt || 0)))[0] || null;
}

function onPinned(card, ev) {
  if (ev.sale) { if (ev.sale !== card.saleId) card.showSale(ev.sale).catch(() => {}); }
  else if (ev.product) card.showPinnedProduct(ev.product);
}

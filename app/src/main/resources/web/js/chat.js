// A client of /ws/chat (docs/chat-protocol.md): join a room, read its batches, send, moderate.
// It remembers the last sequence it saw, so a reconnect resumes exactly where it stopped.

import { session } from './api.js';

const HISTORY_ON_ENTRY = 40;   // lines shown to someone who just walked in
const SEEN_LIMIT = 4000;

export class ChatClient {
  /**
   * @param room     room id
   * @param handlers {onItem(item), onPresence({viewers, peak}), onState(text, kind),
   *                  onError({code, message, retryAfterMs}), onAck({cid, seq}), onModerated(reply),
   *                  onMissed(count)}
   */
  constructor(room, handlers) {
    this.room = room;
    this.h = handlers;
    this.ws = null;
    this.lastSeq = -1;        // highest sequence seen
    this.epoch = null;        // which life of the room's ring lastSeq belongs to
    this.entered = false;     // history fetched once
    this.seen = new Set();
    this.backoff = 1000;
    this.closed = false;
    this.cidCounter = 0;
    this.pingTimer = null;
  }

  connect() {
    this.closed = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/ws/chat`);
    this.ws = ws;
    this.state('Connecting to the chat…', 'wait');
    ws.onopen = () => {
      this.backoff = 1000;
      const s = session();
      if (s) ws.send(JSON.stringify({ type: 'auth', token: s.token }));
      const join = { type: 'join', room: this.room, since: this.entered ? this.lastSeq : -1 };
      if (this.entered && this.epoch) join.epoch = this.epoch;
      ws.send(JSON.stringify(join));
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.raw({ type: 'ping' }), 25000);
    };
    ws.onmessage = (e) => {
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      this.onFrame(frame);
    };
    ws.onclose = () => {
      clearInterval(this.pingTimer);
      if (this.ws !== ws || this.closed) return;
      this.state('Chat disconnected; reconnecting…', 'wait');
      setTimeout(() => { if (!this.closed && this.ws === ws) this.connect(); }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, 10000);
    };
  }

  /** Reconnects, e.g. after signing in or out: the new connection carries the new identity. */
  reconnect() {
    const old = this.ws;
    this.ws = null;
    if (old) { old.onclose = null; old.close(); }
    this.connect();
  }

  close() {
    this.closed = true;
    clearInterval(this.pingTimer);
    if (this.ws) { this.ws.onclose = null; this.ws.close(); }
  }

  get open() { return this.ws && this.ws.readyState === WebSocket.OPEN; }

  raw(message) {
    if (this.open) { this.ws.send(JSON.stringify(message)); return true; }
    return false;
  }

  /** Sends a chat line; returns its client id, or null when not connected. */
  send(text) {
    const cid = 'c' + Date.now().toString(36) + (this.cidCounter++);
    return this.raw({ type: 'send', room: this.room, text, cid }) ? cid : null;
  }

  state(text, kind) { this.h.onState && this.h.onState(text, kind); }

  onFrame(f) {
    switch (f.type) {
      case 'joined':
        this.state('', 'live');
        this.epoch = f.epoch || null;
        if (!this.entered) {
          this.entered = true;
          // Walked in just now: read the last lines too, then stay live.
          if (f.last >= 0) {
            this.lastSeq = Math.max(this.lastSeq, f.last);
            const since = Math.max(0, f.last - HISTORY_ON_ENTRY);
            if (since < f.last) {
              this.raw({ type: 'leave', room: this.room });
              this.raw({ type: 'join', room: this.room, since, epoch: this.epoch });
            }
          }
        }
        break;
      case 'batch':
        if (f.presence) this.h.onPresence && this.h.onPresence(f.presence);
        for (const item of f.messages || []) {
          if (this.seen.has(item.seq)) continue;
          this.remember(item.seq);
          this.h.onItem && this.h.onItem(item);
        }
        if (typeof f.last === 'number') this.lastSeq = Math.max(this.lastSeq, f.last);
        if (f.skipped > 0 && this.h.onSkipped) this.h.onSkipped(f.skipped);
        break;
      case 'presence':
        this.h.onPresence && this.h.onPresence(f);
        break;
      case 'missed':
        this.h.onMissed && this.h.onMissed(f.batches);
        break;
      case 'event':
        // Only for this connection (e.g. "you are timed out"), outside the sequence.
        this.h.onItem && this.h.onItem({ seq: null, type: 'event', event: f.event, at: Date.now(), personal: true });
        break;
      case 'ack':
        this.h.onAck && this.h.onAck(f);
        break;
      case 'moderated':
        this.h.onModerated && this.h.onModerated(f);
        break;
      case 'error':
        if (f.code === 'sequence_reset' || f.code === 'room_reset') {
          // The room's sequence began again: the old sequences mean nothing now. The server
          // replays the new one from its start (after room_reset, once we join again).
          this.seen.clear();
          this.lastSeq = -1;
          if (f.code === 'room_reset') this.raw({ type: 'join', room: this.room });
          break;
        }
        this.h.onError && this.h.onError(f);
        break;
      default:
        break;
    }
  }

  remember(seq) {
    this.seen.add(seq);
    if (this.seen.size > SEEN_LIMIT) {
      const cut = this.seen.size - SEEN_LIMIT / 2;
      let i = 0;
      for (const s of this.seen) { if (i++ >= cut) break; this.seen.delete(s); }
    }
  }
}

/** Human words for the chat's error codes. */
export function chatErrorText(f) {
  const wait = f.retryAfterMs ? ` Try again in ${Math.ceil(f.retryAfterMs / 1000)} s.` : '';
  switch (f.code) {
    case 'unauthorized': return 'Sign in to chat.';
    case 'banned': return 'You are banned from this chat.';
    case 'timed_out': return (f.message || 'You are timed out.') + wait;
    case 'slow_mode': return (f.message || 'Slow mode is on.') + wait;
    case 'rate_limited': return (f.message || 'You are sending too fast.') + wait;
    case 'blocked_word': return f.message || 'That message contains a blocked word.';
    default: return (f.message || f.code) + wait;
  }
}

/** One line of text for a commerce, notice or moderation event; null for those not shown as lines. */
export function eventText(ev, saleName) {
  const what = saleName || 'it';
  switch (ev.type) {
    case 'order_placed':
      return ev.count > 1
        ? `🛒 ${ev.buyer} and ${ev.count - 1} more just bought ${what}`
        : `🛒 ${ev.buyer} just bought ${ev.units > 1 ? ev.units + ' × ' : ''}${what}`;
    case 'sale_opened': return `⚡ The flash sale is open: ${what}`;
    case 'sale_closed': return `The flash sale of ${what} has ended`;
    case 'sold_out': return `${what} is sold out`;
    case 'product_pinned': return `📌 Pinned: ${ev.product ? ev.product.name : 'a product'}`;
    case 'broadcast_ending': return `This broadcast ends at ${new Date(ev.endsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
    case 'message_deleted': return null;
    case 'user_timed_out': return `A viewer was timed out by ${ev.by}`;
    case 'user_banned': return `A viewer was removed by ${ev.by}`;
    case 'user_unbanned': return null;
    case 'slow_mode': return ev.seconds > 0 ? `Slow mode: one message every ${ev.seconds} s` : 'Slow mode is off';
    case 'units_left': return null;
    default: return null;
  }
}

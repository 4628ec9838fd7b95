// Renders a room's chat lines into a list, in sequence order, as text only.
// Moderation effects apply here: a deleted line disappears from every viewer's list.

import { el } from './api.js';
import { eventText } from './chat.js';

const MAX_LINES = 200;

export class ChatView {
  /**
   * @param list       the <ol> to fill
   * @param options    {saleName(): string, moderation: {remove(item), timeout(item), ban(item)} | null}
   */
  constructor(list, options = {}) {
    this.list = list;
    this.options = options;
  }

  atBottom() {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
  }

  /** A line from the room's sequence (chat or event), or a personal event (seq null). */
  add(item) {
    if (item.type === 'event') {
      const ev = item.event || {};
      if (ev.type === 'message_deleted') { this.removeSeq(ev.seq); return; }
      const line = eventText(ev, this.options.saleName ? this.options.saleName(ev) : null);
      if (line) this.insert(el('li', { class: 'event ' + ev.type }, line), item.seq);
      return;
    }
    if (item.type !== 'chat') return;
    const li = el('li', { class: 'line role-' + (item.role || 'viewer') },
      item.role && item.role !== 'viewer' ? el('span', { class: 'badge role' }, item.role) : null,
      el('span', { class: 'name' }, item.name || item.user),
      el('span', { class: 'text' }, item.text));
    li.dataset.user = item.user || '';
    const mod = this.options.moderation;
    if (mod && item.seq != null) {
      li.append(el('span', { class: 'mod' },
        el('button', { type: 'button', class: 'tiny secondary', title: 'Delete this message', 'aria-label': 'delete message', onclick: () => mod.remove(item) }, 'Delete'),
        el('button', { type: 'button', class: 'tiny secondary', title: 'Mute this viewer for 5 minutes', 'aria-label': 'time out ' + (item.name || item.user), onclick: () => mod.timeout(item) }, 'Time out'),
        el('button', { type: 'button', class: 'tiny danger', title: 'Ban this viewer from the room', 'aria-label': 'ban ' + (item.name || item.user), onclick: () => mod.ban(item) }, 'Ban')));
    }
    this.insert(li, item.seq);
  }

  /** A local notice (not from the room): connection states, skipped lines. */
  notice(message) {
    this.insert(el('li', { class: 'notice' }, message), null);
  }

  insert(li, seq) {
    const follow = this.atBottom();
    if (seq != null) {
      li.dataset.seq = seq;
      // History arrives after live lines on entry: put each line where its sequence says.
      let before = null;
      for (let n = this.list.lastElementChild; n; n = n.previousElementSibling) {
        if (n.dataset.seq === undefined) continue;
        if (Number(n.dataset.seq) > seq) before = n; else break;
      }
      this.list.insertBefore(li, before);
    } else {
      this.list.append(li);
    }
    while (this.list.children.length > MAX_LINES) this.list.firstElementChild.remove();
    if (follow) this.list.scrollTop = this.list.scrollHeight;
  }

  removeSeq(seq) {
    const n = this.list.querySelector(`li[data-seq="${Number(seq)}"]`);
    if (n) n.remove();
  }
}

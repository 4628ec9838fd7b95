// The merchant's studio calendar: free and busy slots of one studio for one day (booking
// availability), booking a slot, and a plain message when the slot is taken.

import { get, post, el, status, session } from './api.js';

const $ = (id) => document.getElementById(id);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "+08:00": the zone's UTC offset at that local date and time. */
export function zoneOffset(zone, date, time = '12:00') {
  const at = new Date(`${date}T${time}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at).find((p) => p.type === 'timeZoneName').value;
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

/** Today's date (YYYY-MM-DD) in a zone. */
export function todayIn(zone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const hm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Minutes since the day's local midnight of an ISO time in the studio's zone, clamped to the day. */
function minutesOf(iso, day) {
  const d = iso.slice(0, 10);
  if (d < day) return 0;
  if (d > day) return 1440;
  return Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
}
const localTime = (iso) => iso.slice(11, 16);

export class StudioCalendar {
  constructor(onBooked) {
    this.onBooked = onBooked;
    this.studios = [];
    this.studio = null;
    $('studio').onchange = () => this.pick($('studio').value);
    $('day').onchange = () => this.load();
    $('book-form').onsubmit = (e) => { e.preventDefault(); this.book(); };
  }

  async start() {
    try {
      this.studios = (await get('/api/studios')).studios || [];
    } catch (e) {
      status($('book-status'), 'Studios cannot be listed: ' + e.message, 'bad');
      return;
    }
    const select = $('studio');
    select.replaceChildren(...this.studios.map((s) => el('option', { value: s.id }, s.name)));
    if (!this.studios.length) { status($('book-status'), 'No studios are set up yet.', 'warn'); return; }
    await this.pick(this.studios[0].id);
  }

  async pick(id) {
    this.studio = this.studios.find((s) => s.id === id);
    const s = this.studio;
    $('studio-info').textContent = [s.description, (s.equipment || []).join(', '), `${s.timeZone}`,
      `${s.minMinutes}–${s.maxMinutes} min`, `${s.bufferMinutes} min changeover`].filter(Boolean).join(' · ');
    if (!$('day').value) $('day').value = todayIn(s.timeZone);
    const lengths = [];
    for (let m = s.minMinutes; m <= s.maxMinutes && lengths.length < 16; m += s.slotMinutes) lengths.push(m);
    $('book-length').replaceChildren(...lengths.map((m) => el('option', { value: m }, m % 60 ? `${m} min` : `${m / 60} h`)));
    $('book-length').value = String(lengths.includes(60) ? 60 : lengths[0]); // an hour is the usual show
    await this.load();
  }

  async load() {
    const s = this.studio;
    const day = $('day').value;
    if (!s || !day) return;
    const next = new Date(Date.parse(day + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
    const from = `${day}T00:00:00${zoneOffset(s.timeZone, day, '00:00')}`;
    const to = `${next}T00:00:00${zoneOffset(s.timeZone, next, '00:00')}`;
    let a;
    try {
      a = await get(`/api/studios/${encodeURIComponent(s.id)}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    } catch (e) {
      status($('book-status'), e.message, 'bad');
      return;
    }
    // Another day or studio was picked while this one loaded: its own load draws the calendar,
    // and this older answer must not overwrite it if it arrives last.
    if ($('day').value !== day || this.studio !== s) return;
    const hours = (s.hours || {})[WEEKDAYS[new Date(day + 'T12:00:00Z').getUTCDay()]];
    const slots = $('slots');
    if (!hours) { slots.replaceChildren(el('p', { class: 'muted' }, 'The studio is closed on this day.')); slots.dataset.day = day; return; }
    const open = minutesOf(`${day}T${hours.open}`, day);
    const close = hours.close === '24:00' ? 1440 : minutesOf(`${day}T${hours.close}`, day);
    const spans = (list) => list.map((i) => [minutesOf(i.start, day), minutesOf(i.end, day)]);
    const free = spans(a.free || []), busy = spans(a.busy || []);
    const items = [];
    for (let m = open; m < close; m += s.slotMinutes) {
      const end = m + s.slotMinutes;
      const isBusy = busy.some(([b, e]) => m < e && end > b);
      const isFree = !isBusy && free.some(([b, e]) => m >= b && end <= e);
      const label = `${hm(m)}–${hm(end)}`;
      if (isFree) {
        items.push(el('button', { type: 'button', class: 'slot free', role: 'listitem', 'data-start': hm(m), 'aria-label': `${label} free, choose as start`,
          onclick: () => { $('book-start').value = hm(m); status($('book-status'), `Start ${hm(m)} chosen; pick the length and a title, then Book.`); } }, hm(m)));
      } else {
        items.push(el('span', { class: 'slot ' + (isBusy ? 'busy' : 'closed'), role: 'listitem', 'aria-label': `${label} ${isBusy ? 'booked' : 'not bookable'}` }, hm(m)));
      }
    }
    slots.replaceChildren(...items);
    slots.dataset.day = day;
  }

  async book() {
    const s = this.studio;
    if (!s) return;
    if (!session()) { status($('book-status'), 'Sign in as merchant to book.', 'warn'); return; }
    const day = $('day').value;
    const start = $('book-start').value;
    if (!start) { status($('book-status'), 'Choose a start time (click a green slot).', 'warn'); return; }
    const length = Number($('book-length').value);
    const startMin = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5));
    const endMin = startMin + length;
    const endDay = endMin >= 1440 ? new Date(Date.parse(day + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10) : day;
    const body = {
      start: `${day}T${start}:00${zoneOffset(s.timeZone, day, start)}`,
      end: `${endDay}T${hm(endMin % 1440)}:00${zoneOffset(s.timeZone, endDay, hm(endMin % 1440))}`,
      title: $('book-title').value.trim(),
    };
    const box = $('book-status');
    $('book-go').disabled = true;
    try {
      const r = await post(`/api/studios/${encodeURIComponent(s.id)}/bookings`, body);
      status(box, `Booked ${s.name}, ${day} ${start}–${hm(endMin % 1440)}: "${r.booking.title}".`, 'ok');
      box.dataset.outcome = 'booked';
      this.showKey(r);
      this.onBooked && this.onBooked(r);
    } catch (e) {
      box.dataset.outcome = e.code;
      if (e.code === 'slot_taken' && e.body.conflict) {
        const c = e.body.conflict;
        status(box, `That time is taken: the studio is booked ${localTime(c.start)}–${localTime(c.end)}` +
          (e.body.bufferMinutes ? ` and needs ${e.body.bufferMinutes} minutes of changeover around it` : '') +
          '. Pick a green slot.', 'bad');
      } else {
        status(box, e.message, 'bad');
      }
    } finally {
      $('book-go').disabled = false;
      this.load();
    }
  }

  /** The stream key is shown once, right after booking; only its hash is stored. */
  showKey(r) {
    const box = $('key-box');
    box.hidden = false;
    box.replaceChildren(
      el('p', {}, el('b', {}, 'Stream key for this booking — copy it now, it is shown only once:')),
      el('p', {}, el('code', { class: 'key', id: 'new-stream-key' }, r.streamKey)),
      el('p', { class: 'muted' }, `OBS → Settings → Stream: Service "Custom", Server ${rtmpUrl()}, Stream Key as above. `
        + `It works from ${localTime(r.session.streamKeyValid.from)} to ${localTime(r.session.streamKeyValid.until)} (studio time).`),
      el('p', {}, el('a', { href: `/host?room=${encodeURIComponent(r.session.room)}` }, 'Open the host page for this show')));
  }
}

/** Where OBS pushes to: this server's name, the standard RTMP port. */
export function rtmpUrl() {
  return `rtmp://${location.hostname}:1935/live`;
}

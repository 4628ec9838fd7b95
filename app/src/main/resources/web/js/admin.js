// /admin: live charts fed every second from GET /api/admin/stats. The counters there are
// cumulative (*Total); rates per second are computed here from two consecutive samples.

import { get, el, hasRole, mountSignIn, onSession, status, clockText } from './api.js';

const $ = (id) => document.getElementById(id);
const WINDOW = 300; // seconds of history kept on the charts

mountSignIn($('who'), 'admin');

const CHARTS = [
  { id: 'viewers', title: 'Viewers', series: [{ label: 'video', stroke: '#c2410c' }, { label: 'chat', stroke: '#2563eb' }] },
  { id: 'chat', title: 'Chat per second', series: [{ label: 'messages/s', stroke: '#2563eb' }, { label: 'deliveries/s', stroke: '#15803d' }] },
  { id: 'orders', title: 'Orders per second', series: [{ label: 'orders/s', stroke: '#c2410c' }] },
  { id: 'redis', title: 'Redis latency (ms)', series: [{ label: 'ping ms', stroke: '#7c3aed' }] },
  { id: 'heap', title: 'JVM heap (MB)', series: [{ label: 'used', stroke: '#b45309' }, { label: 'max', stroke: '#9ca3af' }] },
];

const data = {};  // id -> [xs, ys1, ys2...]
const plots = {};
let previous = null;

function makeCharts() {
  const box = $('charts');
  for (const c of CHARTS) {
    data[c.id] = [[], ...c.series.map(() => [])];
    const holder = el('figure', { class: 'card chart', id: 'chart-' + c.id, 'data-points': '0', 'aria-label': c.title + ' chart' },
      el('figcaption', {}, c.title));
    box.append(holder);
    const width = Math.max(260, Math.min(560, holder.clientWidth - 24));
    plots[c.id] = new uPlot({
      width, height: 170,
      series: [{}, ...c.series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, spanGaps: true }))],
      axes: [{}, { size: 56 }],
      scales: { x: { time: true } },
    }, data[c.id], holder);
  }
  window.addEventListener('resize', () => {
    for (const c of CHARTS) {
      const holder = $('chart-' + c.id);
      plots[c.id].setSize({ width: Math.max(260, Math.min(560, holder.clientWidth - 24)), height: 170 });
    }
  });
}

function push(id, x, ...ys) {
  const d = data[id];
  d[0].push(x);
  ys.forEach((y, i) => d[i + 1].push(y == null || Number.isNaN(y) ? null : y));
  while (d[0].length > WINDOW) d.forEach((a) => a.shift());
  plots[id].setData(d);
  $('chart-' + id).dataset.points = String(d[0].length);
}

function rate(now, before, field) {
  if (!before || now[field] == null || before[field] == null) return null;
  const seconds = (now.at - before.at) / 1000;
  return seconds > 0 ? Math.max(0, (now[field] - before[field]) / seconds) : null;
}

function figure(label, value) {
  return el('div', { class: 'figure' }, el('span', { class: 'muted' }, label), el('b', {}, value));
}

async function tick() {
  if (!hasRole('admin')) {
    status($('admin-status'), 'Sign in as admin (top right) to see the live figures.', 'warn');
    return;
  }
  let s;
  try {
    s = await get('/api/admin/stats');
  } catch (e) {
    status($('admin-status'), e.status === 403 || e.status === 401 ? 'This page needs the admin role.' : 'Stats unavailable: ' + e.message, 'bad');
    return;
  }
  status($('admin-status'), '');
  const x = s.at / 1000;
  const msgs = rate(s, previous, 'chatMessagesTotal');
  const deliveries = rate(s, previous, 'chatDeliveriesTotal');
  const orders = rate(s, previous, 'ordersTotal');
  const mb = (b) => (b == null ? null : Math.round(b / 1048576));
  push('viewers', x, s.viewers, s.chatViewers ?? null);
  push('chat', x, msgs, deliveries);
  push('orders', x, orders);
  push('redis', x, s.redisPingMs);
  push('heap', x, mb(s.heapUsedBytes), mb(s.heapMaxBytes));
  previous = s;

  const fmt = (v, d = 0) => (v == null ? '–' : Number(v).toFixed(d));
  $('now').replaceChildren(
    figure('Video viewers', fmt(s.viewers)),
    figure('Chat viewers', fmt(s.chatViewers)),
    figure('Chat messages/s', fmt(msgs, 1)),
    figure('Deliveries/s', fmt(deliveries, 0)),
    figure('Orders/s', fmt(orders, 1)),
    figure('Orders total', fmt(s.ordersTotal)),
    figure('Redis ping', s.redisPingMs == null ? '–' : fmt(s.redisPingMs, 2) + ' ms'),
    figure('Heap', `${mb(s.heapUsedBytes)} / ${mb(s.heapMaxBytes)} MB`));
  $('members').replaceChildren(...(s.members || []).map((m) =>
    el('tr', {}, el('td', {}, m.address), el('td', {}, m.local ? 'yes' : ''))));
}

async function streams() {
  let list = [];
  try { list = (await get('/api/streams')).streams || []; } catch { /* no edge here */ }
  $('streams').replaceChildren(...(list.length ? list.map((st) => el('tr', {},
    el('td', {}, el('a', { href: '/watch/' + encodeURIComponent(st.id) }, st.id)),
    el('td', {}, `${st.videoCodec || '?'} ${st.width}×${st.height} @${st.fps}`),
    el('td', {}, `${st.bitrateKbps} kb/s`),
    el('td', {}, clockText((st.uptimeSeconds || 0) * 1000)),
    el('td', {}, Object.entries(st.viewers || {}).map(([k, v]) => `${k} ${v}`).join(', ') || '0')))
    : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No live streams.'))]));
}

makeCharts();
onSession(() => { previous = null; tick(); });
tick(); streams();
setInterval(tick, 1000);
setInterval(streams, 5000);

// /merchant: studio calendar and bookings, products, flash-sale set-up, orders and results.

import { get, post, el, status, session, hasRole, mountSignIn, onSession, yuan, dateTimeText, download } from './api.js';
import { StudioCalendar } from './calendar.js';
import { plannedText } from './sessions.js';

const $ = (id) => document.getElementById(id);
mountSignIn($('who'), 'merchant');

const calendar = new StudioCalendar(() => loadBookings());
let rooms = [];          // [{room, title}] of this merchant
let selectedSale = null;
let ordersCursor = null;

function gate() {
  const ok = hasRole('merchant');
  status($('merchant-signin'), ok ? '' : 'Sign in as merchant (top right) to book studios, list products and run sales.', ok ? '' : 'warn');
  return ok;
}

async function loadAll() {
  calendar.start();
  if (!gate()) return;
  await loadBookings();
  await loadProducts();
  await loadSales();
}

async function loadBookings() {
  const me = session();
  let bookings = [], sessions = [];
  try { bookings = (await get('/api/bookings')).bookings || []; } catch (e) { status($('bookings-status'), e.message, 'bad'); }
  try { sessions = ((await get('/api/sessions')).sessions || []).filter((s) => me && s.merchant === me.userId); } catch { /* none */ }
  const byRoom = new Map();
  for (const b of bookings) if (b.status !== 'cancelled' && b.status !== 'displaced') byRoom.set(b.room, { room: b.room, title: b.title });
  for (const s of sessions) byRoom.set(s.room, { room: s.room, title: s.title });
  rooms = [...byRoom.values()];
  $('s-room').replaceChildren(...rooms.map((r) => el('option', { value: r.room }, r.title)));

  $('bookings').replaceChildren(...(bookings.length ? bookings.map((b) => el('tr', {},
    el('td', {}, el('a', { href: '/watch/' + encodeURIComponent(b.room) }, b.title)),
    el('td', {}, plannedText(b, true)),
    el('td', {}, (calendar.studios.find((x) => x.id === b.studio) || {}).name || b.studio),
    el('td', {}, b.status + (b.late ? ' (late)' : '')),
    el('td', { class: 'actions' },
      b.status === 'booked' || b.status === 'active'
        ? el('button', { type: 'button', class: 'secondary', onclick: () => cancelBooking(b) }, 'Cancel') : null,
      el('a', { href: `/host?room=${encodeURIComponent(b.room)}` }, 'Host page'))))
    : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No bookings yet: pick a green slot above.'))]));

  try {
    const feed = await get('/api/calendar/merchant');
    $('ics').replaceChildren('Your bookings in your calendar app (keep this link private): ',
      el('a', { href: feed.url || feed.path, id: 'ics-link' }, 'ICS feed'), ' · ',
      el('a', { href: feed.webcal || feed.url }, 'subscribe'));
  } catch { $('ics').textContent = ''; }
}

async function cancelBooking(b) {
  if (!confirm(`Cancel "${b.title}"? Its stream key stops working.`)) return;
  try {
    const r = await post(`/api/bookings/${encodeURIComponent(b.id)}/cancel`);
    const late = (r.booking || r).late;
    status($('bookings-status'), late ? 'Cancelled (late: inside the notice period).' : 'Cancelled; the slot is free again.', late ? 'warn' : 'ok');
  } catch (e) { status($('bookings-status'), e.message, 'bad'); }
  loadBookings(); calendar.load();
}

async function loadProducts() {
  let products = [];
  try { products = (await get('/api/products')).products || []; } catch (e) { status($('product-status'), e.message, 'bad'); }
  $('products').replaceChildren(...products.map((p) => el('tr', {},
    el('td', {}, p.sku), el('td', {}, p.name), el('td', {}, yuan(p.priceFen)), el('td', {}, p.stock))));
  $('s-sku').replaceChildren(...products.map((p) => el('option', { value: p.sku }, `${p.name} (${p.stock} in stock)`)));
}

$('product-form').onsubmit = async (e) => {
  e.preventDefault();
  try {
    const body = { sku: $('p-sku').value.trim(), name: $('p-name').value.trim(), priceFen: Math.round(Number($('p-price').value) * 100),
      stock: Number($('p-stock').value) };
    if ($('p-image').value.trim()) body.imageUrl = $('p-image').value.trim();
    await post('/api/products', body);
    status($('product-status'), `Added ${body.name}.`, 'ok');
    e.target.reset();
    loadProducts();
  } catch (err) { status($('product-status'), err.message, 'bad'); }
};

$('sale-form').onsubmit = async (e) => {
  e.preventDefault();
  const opens = $('s-opens').value;
  const body = { sku: $('s-sku').value, room: $('s-room').value, priceFen: Math.round(Number($('s-price').value) * 100),
    units: Number($('s-units').value), perUserLimit: Number($('s-limit').value),
    paymentWindowSeconds: Number($('s-window').value) * 60 };
  if (opens) body.opensAt = new Date(opens).getTime();
  try {
    const sale = await post('/api/sales', body);
    status($('sale-status'), `Sale created: ${sale.units || sale.offered} × ${sale.name} at ${yuan(sale.priceFen)}, ${opens ? 'opens ' + dateTimeText(sale.opensAt) : 'opens on cue'}.`, 'ok');
    loadSales(); loadProducts();
  } catch (err) { status($('sale-status'), err.message, 'bad'); }
};

async function loadSales() {
  const me = session();
  const rows = [];
  for (const r of rooms) {
    let list = [];
    try { list = (await get(`/api/rooms/${encodeURIComponent(r.room)}/sales`)).sales || []; } catch { continue; }
    let peak = 0;
    try { peak = (await get(`/api/rooms/${encodeURIComponent(r.room)}/presence`)).peak || 0; } catch { /* no chat */ }
    for (const sale of list.filter((s) => !me || s.merchant === me.userId)) {
      let f = null;
      try { f = await get(`/api/sales/${encodeURIComponent(sale.id)}/figures`); } catch { /* not ours */ }
      const conversion = f && peak > 0 ? `${((100 * f.orders) / peak).toFixed(1)}% of ${peak} peak viewers` : '–';
      rows.push(el('tr', { class: selectedSale && selectedSale.id === sale.id ? 'selected' : '' },
        el('td', {}, sale.name),
        el('td', {}, r.title),
        el('td', {}, sale.state),
        el('td', {}, `${sale.left} / ${sale.offered}`),
        el('td', {}, f ? f.unitsPaid : '–'),
        el('td', {}, f ? yuan(f.gmvPaidFen) : '–'),
        el('td', {}, f ? yuan(f.gmvUnpaidFen) : '–'),
        el('td', {}, conversion),
        el('td', { class: 'actions' },
          el('button', { type: 'button', class: 'secondary', onclick: () => showOrders(sale) }, 'Orders'),
          sale.state === 'scheduled' ? el('button', { type: 'button', onclick: () => cue(sale, 'open') }, 'Open now') : null,
          sale.state === 'open' ? el('button', { type: 'button', class: 'secondary', onclick: () => cue(sale, 'close') }, 'Close') : null)));
    }
  }
  $('sales').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: '9', class: 'muted' }, 'No sales yet.'))]));
}

async function cue(sale, action) {
  try { await post(`/api/sales/${encodeURIComponent(sale.id)}/${action}`); status($('sales-status'), action === 'open' ? 'Sale opened.' : 'Sale closed.', 'ok'); }
  catch (e) { status($('sales-status'), e.message, 'bad'); }
  loadSales();
}

async function showOrders(sale, more = false) {
  selectedSale = sale;
  if (!more) { ordersCursor = null; $('orders').replaceChildren(); }
  $('orders-box').hidden = false;
  $('orders-h').textContent = `Orders of ${sale.name}`;
  try {
    const page = await get(`/api/sales/${encodeURIComponent(sale.id)}/orders?limit=50${ordersCursor ? '&after=' + encodeURIComponent(ordersCursor) : ''}`);
    $('orders').append(...page.orders.map((o) => el('tr', {},
      el('td', {}, o.id), el('td', {}, o.buyer), el('td', {}, o.units), el('td', {}, yuan(o.amountFen)),
      el('td', {}, o.state), el('td', {}, dateTimeText(o.createdAt)))));
    if (!$('orders').children.length) $('orders').append(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No orders yet.')));
    ordersCursor = page.next;
    $('orders-more').hidden = !page.next;
  } catch (e) { status($('sales-status'), e.message, 'bad'); }
}

$('orders-more').onclick = () => selectedSale && showOrders(selectedSale, true);
$('csv').onclick = () => selectedSale && download(`/api/sales/${encodeURIComponent(selectedSale.id)}/orders.csv`, `sale-${selectedSale.id}-orders.csv`)
  .catch((e) => status($('sales-status'), e.message, 'bad'));

onSession(() => loadAll());
loadAll();
setInterval(() => { if (hasRole('merchant')) loadSales(); }, 15000);

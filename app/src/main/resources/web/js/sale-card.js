// The pinned product card of the watch page: price, units left as a live bar, the countdown to
// opening on the server's clock, and Buy -> reserve -> pay -> confirmation with a plain state
// for every way it can go (not open, sold out, limit reached, payment expired).

import { request, get, post, getTimed, serverClock, session, hasRole, idempotencyKey, yuan, clockText, status, text } from './api.js';

const $ = (id) => document.getElementById(id);
const BUSY_RETRIES = 4;

export class SaleCard {
  constructor() {
    this.sale = null;        // the flash sale shown (GET /api/sales/{id} shape)
    this.pinned = null;      // a pinned product without a sale
    this.order = null;       // this viewer's order in the shown sale
    this.buying = false;
    this.justBoughtTimer = null;
    $('buy').onclick = () => this.buy();
    $('pay').onclick = () => this.pay();
    $('cancel-order').onclick = () => this.cancelOrder();
    setInterval(() => this.render(), 250);
  }

  get saleId() { return this.sale ? this.sale.id : null; }

  async showSale(id) {
    try {
      const sale = await getTimed(`/api/sales/${encodeURIComponent(id)}`);
      const changed = !this.sale || this.sale.id !== sale.id;
      this.sale = sale;
      this.pinned = null;
      if (changed) { this.order = null; this.say('', '', ''); await this.restoreOrder(); }
      this.render();
    } catch (e) {
      if (e.status === 404) { this.sale = null; this.render(); } else throw e;
    }
  }

  showPinnedProduct(product) {
    this.sale = null; this.order = null; this.pinned = product;
    status($('buy-status'), '');
    this.render();
  }

  /** Re-reads the sale (state, units left, server time): the chat events keep it current in between. */
  async refresh() {
    if (this.sale) await this.showSale(this.sale.id);
  }

  /** Commerce events from the room's chat. */
  onEvent(ev) {
    if (!this.sale || ev.sale !== this.sale.id) return;
    const s = this.sale;
    switch (ev.type) {
      case 'sale_opened':
        s.state = 'open'; s.left = ev.left; s.offered = ev.offered; s.priceFen = ev.price ?? s.priceFen;
        s.closesAt = ev.closesAt ?? s.closesAt;
        break;
      case 'units_left':
        // Events are coalesced; an older count must not undo a newer one seen from a reply.
        s.left = ev.left; s.offered = ev.offered ?? s.offered;
        break;
      case 'sold_out': s.left = 0; break;
      case 'sale_closed': s.state = 'closed'; if (ev.left != null) s.left = ev.left; break;
      case 'order_placed': this.justBought(ev); break;
      default: break;
    }
    this.render();
  }

  justBought(ev) {
    const line = $('just-bought');
    text(line, ev.count > 1 ? `${ev.buyer} and ${ev.count - 1} more just bought this` : `${ev.buyer} just bought this`);
    line.classList.add('flash');
    clearTimeout(this.justBoughtTimer);
    this.justBoughtTimer = setTimeout(() => { line.classList.remove('flash'); text(line, ''); }, 4000);
  }

  /** The state a viewer sees, from the sale's fields and the server's clock. */
  saleState() {
    const s = this.sale;
    if (!s) return this.pinned ? 'pinned' : 'none';
    if (s.state === 'closed' || (s.closesAt && serverClock.now() >= s.closesAt)) return 'closed';
    if (s.state === 'open' || (s.opensAt && serverClock.now() >= s.opensAt)) return s.left <= 0 ? 'sold_out' : 'open';
    return s.opensAt ? 'scheduled' : 'on_cue';
  }

  render() {
    const card = $('product');
    const state = this.saleState();
    card.dataset.state = state;
    card.hidden = state === 'none';
    if (state === 'none') return;
    const product = this.sale || this.pinned;
    text($('product-name'), product.name);
    const image = $('product-image');
    if (product.imageUrl) { if (image.getAttribute('src') !== product.imageUrl) image.src = product.imageUrl; image.hidden = false; } else image.hidden = true;
    const buy = $('buy');
    if (state === 'pinned') {
      text($('product-price'), yuan(product.priceFen));
      text($('product-list-price'), ''); text($('product-limit'), '');
      $('units-bar-box').hidden = true; text($('units-text'), '');
      text($('sale-state'), 'Not on flash sale right now — watch for the host\'s cue.');
      buy.hidden = true; $('pay').hidden = true; $('cancel-order').hidden = true;
      return;
    }
    const s = this.sale;
    text($('product-price'), yuan(s.priceFen));
    text($('product-list-price'), s.listPriceFen && s.listPriceFen > s.priceFen ? yuan(s.listPriceFen) : '');
    text($('product-limit'), `· limit ${s.perUserLimit} per person`);
    $('units-bar-box').hidden = false;
    const left = Math.max(0, s.left ?? 0);
    const pct = s.offered > 0 ? Math.round((100 * left) / s.offered) : 0;
    $('units-bar').style.width = pct + '%';
    $('units-bar-box').setAttribute('aria-valuemax', String(s.offered));
    $('units-bar-box').setAttribute('aria-valuenow', String(left));
    text($('units-text'), `${left} of ${s.offered} left`);
    const now = serverClock.now();
    const words = {
      scheduled: () => `Opens in ${clockText(s.opensAt - now)}`,
      on_cue: () => 'Opens when the host says go',
      open: () => (s.closesAt ? `Open now · ends in ${clockText(s.closesAt - now)}` : 'Open now'),
      sold_out: () => 'Sold out',
      closed: () => 'This sale has ended',
    };
    text($('sale-state'), words[state]());
    $('sale-state').className = 'sale-state ' + state;

    const o = this.order;
    const holding = o && o.state === 'reserved';
    buy.hidden = !!holding || (o && o.state === 'paid' && s.perUserLimit <= o.units);
    buy.disabled = this.buying || state !== 'open';
    text(buy, state === 'scheduled' ? `Opens in ${clockText(s.opensAt - now)}`
      : state === 'sold_out' ? 'Sold out' : state === 'closed' ? 'Ended' : state === 'on_cue' ? 'Not open yet' : `Buy for ${yuan(s.priceFen)}`);
    $('pay').hidden = !holding;
    $('cancel-order').hidden = !holding;
    if (state === 'sold_out' && !o && !this.buying && !$('buy-status').dataset.outcome) {
      // The room's "sold out" event can beat a viewer's own Buy press: say so, not just grey the button.
      this.say('Sold out — every unit has been taken.', 'bad', 'sold_out');
    }
    if (holding) {
      const remaining = o.payBy - now;
      if (remaining <= 0) {
        this.expired();
      } else {
        this.say(`Reserved: ${o.units} × ${s.name} for ${yuan(o.amountFen)}. Pay within ${clockText(remaining)}.`, 'warn', 'reserved');
      }
    }
  }

  say(message, kind, outcome) {
    const box = $('buy-status');
    status(box, message, kind);
    box.dataset.outcome = outcome || '';
  }

  async buy() {
    const s = this.sale;
    if (!s || this.buying) return;
    if (!session()) { this.say('Sign in (top right) to buy.', 'warn', 'signin'); document.getElementById('signin-account')?.focus(); return; }
    if (!hasRole('viewer')) { this.say('Buying needs a viewer account.', 'bad', 'forbidden'); return; }
    this.buying = true;
    this.render();
    this.say('Reserving…', '', 'pending');
    const key = idempotencyKey(); // the same key on every retry: the server never sells twice
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const order = await request('POST', `/api/sales/${encodeURIComponent(s.id)}/orders`, { units: 1 },
            { headers: { 'Idempotency-Key': key } });
          this.order = order;
          this.remember(order);
          break;
        } catch (e) {
          const busy = e.status === 429 || e.status === 503 || e.status === 0;
          if (busy && attempt < BUSY_RETRIES) {
            const wait = Math.min(5, Number(e.retryAfter) || 1);
            this.say(`Busy — trying again in ${wait} s…`, 'warn', 'retrying');
            await new Promise((r) => setTimeout(r, wait * 1000));
            continue;
          }
          throw e;
        }
      }
    } catch (e) {
      this.refused(e);
    } finally {
      this.buying = false;
      this.render();
    }
  }

  refused(e) {
    const s = this.sale;
    switch (e.code) {
      case 'sold_out':
        s.left = 0;
        this.say('Sold out — every unit has been taken.', 'bad', 'sold_out');
        break;
      case 'not_enough_stock': this.say(e.message, 'bad', 'sold_out'); break;
      case 'limit_reached':
        this.say(`Limit reached: one buyer may have ${s.perUserLimit} in this sale, and you already do.`, 'bad', 'limit_reached');
        break;
      case 'not_open':
        this.say(s.opensAt ? `Not open yet — opens in ${clockText(s.opensAt - serverClock.now())}.` : 'Not open yet — the host opens it on cue.', 'warn', 'not_open');
        this.refresh();
        break;
      case 'closed': s.state = 'closed'; this.say('This sale has ended.', 'bad', 'closed'); break;
      case 'unauthorized': case 'http_401': this.say('Your sign-in has expired; sign in again.', 'bad', 'signin'); break;
      default:
        this.say(e.status === 429 || e.status === 503 ? 'Too busy right now; try again in a moment.' : (e.message || 'Something went wrong.'), 'bad', 'error');
    }
  }

  async pay() {
    const o = this.order;
    if (!o) return;
    $('pay').disabled = true;
    this.say('Paying…', '', 'paying');
    try {
      const paid = await post(`/api/dev/pay/${encodeURIComponent(o.id)}`);
      this.order = { ...o, ...paid, state: paid.state || 'paid' };
      this.remember(this.order);
      this.say(`Paid ✓ Order ${o.id} is confirmed: ${o.units} × ${this.sale.name}, ${yuan(o.amountFen)}. Thank you!`, 'ok', 'paid');
    } catch (e) {
      if (e.code === 'expired') this.expired();
      else if (e.code === 'cancelled') this.say('This order was cancelled, so it was not charged.', 'bad', 'cancelled');
      else if (e.status === 404 && e.code === 'http_404') this.say('Payment goes through the shop\'s payment provider here.', 'warn', 'error');
      else this.say(e.message || 'Payment failed; try again.', 'bad', 'error');
    } finally {
      $('pay').disabled = false;
      this.render();
    }
  }

  expired() {
    if (this.order) this.order = { ...this.order, state: 'expired' };
    this.say('Payment time ran out: the order expired and its unit went back on sale. You were not charged.', 'bad', 'expired');
  }

  async cancelOrder() {
    const o = this.order;
    if (!o) return;
    try {
      this.order = await post(`/api/orders/${encodeURIComponent(o.id)}/cancel`);
      this.say('Order cancelled; nothing was charged.', '', 'cancelled');
    } catch (e) {
      this.say(e.message, 'bad', 'error');
    }
    this.render();
  }

  remember(order) {
    try { sessionStorage.setItem('blossom.order.' + order.sale, order.id); } catch { /* private mode */ }
  }

  /** After a reload the viewer still sees the order they hold in this sale. */
  async restoreOrder() {
    const s = session();
    const id = s && sessionStorage.getItem('blossom.order.' + this.sale.id);
    if (!id) return;
    try {
      this.order = await get(`/api/orders/${encodeURIComponent(id)}`);
      if (this.order.state === 'paid') this.say(`Paid ✓ Order ${id} is confirmed.`, 'ok', 'paid');
      else if (this.order.state === 'expired') this.expired();
    } catch { sessionStorage.removeItem('blossom.order.' + this.sale.id); }
  }
}

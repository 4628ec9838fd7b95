// Talks to Blossom's JSON API: bearer token from the session, errors as {error, message}.
// Page data is always put into the DOM as text (el(), textContent), never as markup.

const TOKEN_KEY = 'blossom.session';

export function session() {
  try { return JSON.parse(sessionStorage.getItem(TOKEN_KEY)); } catch { return null; }
}

export function hasRole(role) {
  const s = session();
  return !!s && (s.roles.includes(role) || s.roles.includes('admin'));
}

/** Demo sign-in (blossom demo only): a token for one of the demo accounts. */
export async function signIn(account, name) {
  const body = name ? { account, name } : { account };
  const s = await request('POST', '/api/dev/login', body, { anonymous: true });
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  window.dispatchEvent(new CustomEvent('blossom:session', { detail: s }));
  return s;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new CustomEvent('blossom:session', { detail: null }));
}

/** Calls fn(session) now and whenever someone signs in or out on this page. */
export function onSession(fn) {
  window.addEventListener('blossom:session', (e) => fn(e.detail));
}

/** An API failure: status plus the server's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter, body) {
    super(message);
    this.status = status; this.code = code; this.retryAfter = retryAfter;
    this.body = body || {};   // the whole error answer, e.g. a booking conflict's interval
  }
}

export async function request(method, path, body, options = {}) {
  const headers = { ...(options.headers || {}) };
  const s = session();
  if (s && !options.anonymous) headers['Authorization'] = 'Bearer ' + s.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached; check your connection.', null);
  }
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const code = payload && payload.error ? payload.error : 'http_' + response.status;
    const message = payload && payload.message ? payload.message : (response.statusText || 'Request failed');
    throw new ApiError(response.status, code, message, response.headers.get('Retry-After'), payload);
  }
  return payload;
}

export const get = (path) => request('GET', path);
export const post = (path, body, options) => request('POST', path, body === undefined ? {} : body, options);
export const put = (path, body) => request('PUT', path, body === undefined ? {} : body);
export const del = (path) => request('DELETE', path);

/** Downloads an authenticated resource (e.g. a CSV export) as a file. */
export async function download(path, filename) {
  const s = session();
  const response = await fetch(path, { headers: s ? { Authorization: 'Bearer ' + s.token } : {} });
  if (!response.ok) {
    const payload = await response.json().catch(() => ({}));
    throw new ApiError(response.status, payload.error || 'http_' + response.status, payload.message || 'Download failed', null);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: filename });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A fresh key for one purchase; the same key is sent again when that purchase is retried. */
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * The server's clock as seen from here: countdowns use it, so a phone whose clock is off
 * still opens the sale at the same instant as everybody else.
 */
export const serverClock = {
  offset: 0,
  /** Feed it a serverTime from a response and the local send/receive instants around it. */
  observe(serverTime, sentAt, receivedAt) {
    if (typeof serverTime === 'number') this.offset = serverTime - (sentAt + receivedAt) / 2;
  },
  now() { return Date.now() + this.offset; },
};

/** GET that also feeds the server clock from a serverTime field. */
export async function getTimed(path) {
  const sentAt = Date.now();
  const payload = await get(path);
  serverClock.observe(payload && payload.serverTime, sentAt, Date.now());
  return payload;
}

/** Fills the header's sign-in widget: demo accounts, or who is signed in. */
export function mountSignIn(element, preferred) {
  const render = () => {
    const s = session();
    element.textContent = '';
    if (s) {
      element.append(
        el('span', { id: 'signed-in-as' }, `${s.name} (${s.roles.join(', ')}) `),
        el('button', { class: 'secondary', type: 'button', id: 'signout', onclick: () => signOut() }, 'Sign out'));
    } else {
      const pick = el('select', { id: 'signin-account', 'aria-label': 'demo account' });
      for (const a of ['viewer', 'host', 'merchant', 'moderator', 'admin']) pick.append(el('option', { value: a }, a));
      if (preferred) pick.value = preferred;
      const name = el('input', { id: 'signin-name', placeholder: 'your name', size: 10, maxlength: 40, 'aria-label': 'viewer name' });
      const showName = () => { name.hidden = pick.value !== 'viewer'; };
      pick.onchange = showName; showName();
      const go = el('button', { type: 'submit', id: 'signin-go' }, 'Sign in');
      const form = el('form', { class: 'signin', 'aria-label': 'sign in' }, pick, name, go);
      form.onsubmit = async (e) => {
        e.preventDefault();
        go.disabled = true;
        try {
          await signIn(pick.value, pick.value === 'viewer' && name.value.trim() ? name.value.trim() : undefined);
        } catch (err) {
          go.disabled = false;
          go.title = err.message;
          alert(err.status === 404 ? 'Demo sign-in exists only in blossom demo.' : err.message);
        }
      };
      element.append(form);
    }
  };
  onSession(render);
  render();
}

export function yuan(fen) { return fen == null ? '' : '¥' + (fen / 100).toFixed(2); }

/** 75 s -> "1:15"; 3700 s -> "1:01:40". */
export function clockText(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return (h > 0 ? h + ':' : '') + mm + ':' + String(s).padStart(2, '0');
}

export function timeText(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateTimeText(ms) {
  return new Date(ms).toLocaleString([], { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function text(node, value) { node.textContent = value == null ? '' : String(value); return node; }

/** Shows a status line: kind is ok, bad, warn or '' (neutral). */
export function status(node, message, kind = '') {
  node.textContent = message || '';
  node.className = 'status' + (kind ? ' ' + kind : '');
}

/** Builds an element; attributes on*, class, hidden and disabled are set as properties, children as text or nodes. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e[k] = v;
    else if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'value') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** The room named in /watch/{room} style paths or ?room=. */
export function roomFromLocation() {
  const q = new URLSearchParams(location.search).get('room');
  if (q) return q;
  const parts = location.pathname.split('/').filter(Boolean);
  return parts.length >= 2 ? decodeURIComponent(parts[1]) : null;
}

// Talks to Blossom's JSON API: bearer token from the session, errors as {error, message}.

const TOKEN_KEY = 'blossom.session';

export function session() {
  try { return JSON.parse(sessionStorage.getItem(TOKEN_KEY)); } catch { return null; }
}

export function hasRole(role) {
  const s = session();
  return !!s && (s.roles.includes(role) || s.roles.includes('admin'));
}

export async function signIn(account, name) {
  const body = name ? { account, name } : { account };
  const s = await request('POST', '/api/dev/login', body, { anonymous: true });
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
  return s;
}

export function signOut() { sessionStorage.removeItem(TOKEN_KEY); }

/** An API failure: status plus the server's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status; this.code = code; this.retryAfter = retryAfter;
  }
}

export async function request(method, path, body, options = {}) {
  const headers = { ...(options.headers || {}) };
  const s = session();
  if (s && !options.anonymous) headers['Authorization'] = 'Bearer ' + s.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const code = payload && payload.error ? payload.error : 'http_' + response.status;
    const message = payload && payload.message ? payload.message : response.statusText;
    throw new ApiError(response.status, code, message, response.headers.get('Retry-After'));
  }
  return payload;
}

export const get = (path) => request('GET', path);
export const post = (path, body, options) => request('POST', path, body === undefined ? {} : body, options);
export const del = (path) => request('DELETE', path);

/** Fills the header's sign-in widget: demo accounts, or who is signed in. */
export function mountSignIn(element, onChange) {
  const render = () => {
    const s = session();
    element.textContent = '';
    if (s) {
      const who = document.createElement('span');
      who.textContent = `${s.name} (${s.roles.join(', ')}) `;
      const out = document.createElement('button');
      out.className = 'secondary'; out.textContent = 'Sign out';
      out.onclick = () => { signOut(); render(); onChange && onChange(null); };
      element.append(who, out);
    } else {
      const pick = document.createElement('select');
      pick.setAttribute('aria-label', 'demo account');
      for (const a of ['viewer', 'host', 'merchant', 'moderator', 'admin']) {
        const o = document.createElement('option'); o.value = a; o.textContent = a; pick.append(o);
      }
      const name = document.createElement('input');
      name.placeholder = 'your name (viewers)'; name.size = 14; name.setAttribute('aria-label', 'viewer name');
      const go = document.createElement('button');
      go.textContent = 'Sign in';
      go.onclick = async () => {
        const s2 = await signIn(pick.value, pick.value === 'viewer' && name.value.trim() ? name.value.trim() : undefined);
        render(); onChange && onChange(s2);
      };
      element.append(pick, name, go);
    }
  };
  render();
}

export function yuan(fen) { return '¥' + (fen / 100).toFixed(2); }

export function text(el, value) { el.textContent = value == null ? '' : String(value); return el; }

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e[k] = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

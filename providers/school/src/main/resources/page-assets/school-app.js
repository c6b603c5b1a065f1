// Over 400 lines: the one shared footing of every school page (login, API, texts, toasts, dialogs, builders); split by those parts when it next grows.
// The footing every school page stands on (the staff console, the person's own page): login with
// keycloak-js, the API call, texts in the chosen language, toasts, and small PatternFly builders.
// A page imports what it needs: import { startApp, api, t } from '../assets/school-app.js';
// Nothing here writes HTML from strings: every text goes in as a text node (server data is never markup).

const ASSETS = new URL('.', import.meta.url);          // …/realms/{realm}/school/assets/
const SCHOOL = new URL('..', ASSETS);                  // …/realms/{realm}/school/
const PLACE = SCHOOL.pathname.match(/^(.*)\/realms\/([^/]+)\/school\/$/);
const SERVER = SCHOOL.origin + (PLACE ? PLACE[1] : '');
const REALM = PLACE ? decodeURIComponent(PLACE[2]) : '';
/** The language a person chose with the switch on this browser; wins over Keycloak's guess. */
const LANGUAGE_KEY = 'school-esia.language';

const state = { keycloak: null, texts: {}, language: 'ru', languages: [], prefixes: [], onLanguage: null };

/** A refusal of the school API: {@code {error, message}} as the server wrote it, in the page's language. */
export class ApiError extends Error {
  constructor(status, error, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.body = body || {};
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error('cannot load ' + src));
    document.head.append(script);
  });
}

/**
 * Logs the person in (authorisation code with PKCE S256, Keycloak's login page when there is no
 * SSO session), keeps the token fresh, loads the texts. {@code onLanguage} runs after the
 * language switch changed the texts: the page re-renders what it shows.
 */
export async function startApp({ clientId, bundlePrefix, onLanguage }) {
  state.prefixes = [].concat(bundlePrefix || []);
  state.onLanguage = onLanguage || null;
  // Texts first (Keycloak's own choice of language), so a failed login is explained in it.
  await loadTexts(storedLanguage(), false);
  await loadScript(new URL('keycloak.js', ASSETS).href);
  const keycloak = new window.Keycloak({ url: SERVER, realm: REALM, clientId });
  state.keycloak = keycloak;
  // The login-status iframe would need framing this page's CSP forbids; the token refresh tells us instead.
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'query' });
  keycloak.onTokenExpired = () => keycloak.updateToken(30).catch(() => keycloak.login());
  const claimed = keycloak.tokenParsed && keycloak.tokenParsed.locale;
  if (!storedLanguage() && claimed && claimed !== state.language && state.languages.some(l => l.tag === claimed)) {
    await loadTexts(claimed, false);
  }
  const token = keycloak.tokenParsed || {};
  return {
    keycloak,
    user: { username: token.preferred_username || '', name: token.name || token.preferred_username || '' },
    language: state.language,
  };
}

async function loadTexts(language, remember) {
  const query = new URLSearchParams();
  if (language) query.set('lang', language);
  if (remember) query.set('remember', 'true');
  state.prefixes.forEach(p => query.append('prefix', p));
  try {
    const res = await fetch(new URL('messages?' + query, ASSETS), { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await res.json();
    state.texts = body.messages || {};
    state.language = body.locale || state.language;
    state.languages = Array.isArray(body.locales) ? body.locales : [];
  } catch (e) {
    state.texts = {}; // keys stay readable; the page still works
  }
  document.documentElement.lang = state.language;
}

function storedLanguage() {
  try { return localStorage.getItem(LANGUAGE_KEY); } catch (e) { return null; }
}

/** The language switch: new texts, Keycloak's choice too (its locale cookie), then the page re-renders. */
export async function setLanguage(tag) {
  try { localStorage.setItem(LANGUAGE_KEY, tag); } catch (e) { /* private mode: this page only */ }
  await loadTexts(tag, true);
  if (state.onLanguage) state.onLanguage(state.language);
}

export function language() { return state.language; }
export function languages() { return state.languages; }

/** Ends the SSO session and comes back to this page (which then asks to log in again). */
export function logout() {
  return state.keycloak.logout({ redirectUri: location.href.split('#')[0].split('?')[0] });
}

/**
 * A call to the school API, path relative to /realms/{realm}/school/ (e.g. 'staff/people').
 * {@code body}: an object is sent as JSON; a string or Blob as is, with {@code contentType}.
 * Answers the parsed JSON (null for 204); a refusal is thrown as {@link ApiError}.
 */
export async function api(path, { method = 'GET', body, query, contentType, accept } = {}) {
  const kc = state.keycloak;
  try {
    await kc.updateToken(30);
  } catch (e) {
    kc.login();
    throw new ApiError(401, 'session_ended', t('app.error.sessionEnded'));
  }
  const url = new URL(path, SCHOOL);
  if (query) {
    Object.entries(query).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v); });
  }
  const headers = { Authorization: 'Bearer ' + kc.token, Accept: accept || 'application/json', 'Accept-Language': state.language };
  let payload = body;
  if (body !== undefined && body !== null && typeof body === 'object' && !(body instanceof Blob)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (body !== undefined) {
    headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, 'network', t('app.error.network'));
  }
  if (res.status === 204) return null;
  if (accept && res.ok) return res.blob(); // a file (e.g. a PDF); errors still come as JSON
  let json = null;
  try { json = await res.json(); } catch (e) { json = null; }
  if (!res.ok) {
    const error = json && typeof json.error === 'string' ? json.error : 'http_' + res.status;
    const message = json && typeof json.message === 'string' ? json.message : t('app.error.server');
    throw new ApiError(res.status, error, message, json);
  }
  return json;
}

/** The text of a key in the page's language, {0}… replaced (Java MessageFormat's quoting: '' is '). */
export function t(key, ...args) {
  const pattern = state.texts[key];
  if (pattern === undefined) return key;
  return pattern.replace(/''/g, '\u0000').replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])))
    .replace(/\u0000/g, "'");
}

/**
 * A count in words: the key's plural form for n in the page's language (Intl.PluralRules:
 * key.one, key.few, key.many, key.other — Russian needs all four, English one and other).
 */
export function plural(key, n, ...args) {
  const form = new Intl.PluralRules(state.language).select(n);
  const full = key + '.' + form;
  return state.texts[full] !== undefined ? t(full, n, ...args) : t(key + '.other', n, ...args);
}

/** A date (yyyy-MM-dd or an instant) the local way: 05.03.2012 in Russian, 3/5/2012 in English; '—' if none. */
export function formatDate(value) {
  if (!value) return '—';
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(plain ? value + 'T00:00:00' : value);
  if (isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(state.language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** An instant as local date and time; '—' if none. */
export function formatDateTime(value) {
  if (!value) return '—';
  const d = new Date(value);
  if (isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(state.language, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** «Фамилия Имя Отчество» of anything with lastName, firstName, middleName. */
export function fullName(p) {
  return p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : '';
}

// ---------------------------------------------------------------------------------------------
// Element building: h('button', {class: 'pf-v5-c-button pf-m-primary', on: {click}}, t('…'))

/** An element; props: class, text, on:{event:fn}, and attributes (aria-*, data-*, id, type…); children: nodes or text. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'on') Object.entries(v).forEach(([ev, fn]) => el.addEventListener(ev, fn));
    else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let idCounter = 0;
/** A fresh element id for label/aria pairs. */
export function uid(prefix = 'id') { idCounter += 1; return prefix + '-' + idCounter; }

export function button(label, { variant = 'secondary', onClick, type = 'button', id, small, ...rest } = {}) {
  return h('button', { class: 'pf-v5-c-button pf-m-' + variant + (small ? ' pf-m-small' : ''), type, id, on: onClick ? { click: onClick } : null, ...rest }, label);
}

/** A labelled form field (PatternFly form group): control is an input/select/textarea element. */
export function field(label, control, { helper, required } = {}) {
  if (!control.id) control.id = uid('field');
  const helperId = helper ? control.id + '-helper' : null;
  if (helperId) control.setAttribute('aria-describedby', helperId);
  if (required) control.required = true;
  const wrapped = control.tagName === 'SELECT' ? h('span', { class: 'pf-v5-c-form-control' }, control, h('span', { class: 'pf-v5-c-form-control__utilities' }, h('span', { class: 'pf-v5-c-form-control__toggle-icon' }, '▾')))
    : control.type === 'checkbox' ? control : h('span', { class: 'pf-v5-c-form-control' + (control.tagName === 'TEXTAREA' ? ' pf-m-textarea' : '') }, control);
  if (control.type === 'checkbox') {
    control.classList.add('pf-v5-c-check__input');
    return h('div', { class: 'pf-v5-c-form__group' }, h('div', { class: 'pf-v5-c-check' }, control,
      h('label', { class: 'pf-v5-c-check__label', for: control.id }, label),
      helper ? h('span', { class: 'pf-v5-c-check__description', id: helperId }, helper) : null));
  }
  return h('div', { class: 'pf-v5-c-form__group' },
    h('div', { class: 'pf-v5-c-form__group-label' }, h('label', { class: 'pf-v5-c-form__label', for: control.id },
      h('span', { class: 'pf-v5-c-form__label-text' }, label),
      required ? h('span', { class: 'pf-v5-c-form__label-required', 'aria-hidden': 'true' }, ' *') : null)),
    h('div', { class: 'pf-v5-c-form__group-control' }, wrapped,
      helper ? h('div', { class: 'pf-v5-c-form__helper-text', id: helperId }, h('div', { class: 'pf-v5-c-helper-text__item' }, helper)) : null));
}

/** A select with [value, label] options. */
export function select(options, value, props = {}) {
  return h('select', props, options.map(([v, label]) => h('option', { value: v, selected: String(v) === String(value) }, label)));
}

/** An inline alert (PatternFly): variant success | danger | warning | info. */
export function alert(variant, title, body, props = {}) {
  return h('div', { class: 'pf-v5-c-alert pf-m-inline pf-m-' + variant, ...props },
    h('p', { class: 'pf-v5-c-alert__title' }, h('span', { class: 'pf-v5-screen-reader' }, t('app.alert.' + variant) + ': '), title),
    body ? h('div', { class: 'pf-v5-c-alert__description' }, body) : null);
}

/** A status label (PatternFly label): color blue | green | orange | red | grey. */
export function label(text, color = 'grey') {
  return h('span', { class: 'pf-v5-c-label pf-m-' + color }, h('span', { class: 'pf-v5-c-label__content' }, text));
}

export function emptyState(title, body) {
  return h('div', { class: 'pf-v5-c-empty-state pf-m-sm' }, h('div', { class: 'pf-v5-c-empty-state__content' },
    h('div', { class: 'pf-v5-c-empty-state__header' }, h('div', { class: 'pf-v5-c-empty-state__title' },
      h('h2', { class: 'pf-v5-c-empty-state__title-text' }, title))),
    body ? h('div', { class: 'pf-v5-c-empty-state__body' }, body) : null));
}

export function spinner() {
  return h('div', { class: 'school-loading', role: 'status' },
    h('span', { class: 'pf-v5-c-spinner pf-m-lg', role: 'progressbar', 'aria-valuetext': t('app.loading') },
      h('span', { class: 'pf-v5-c-spinner__clipper' }), h('span', { class: 'pf-v5-c-spinner__lead-ball' }), h('span', { class: 'pf-v5-c-spinner__tail-ball' })),
    h('span', { class: 'pf-v5-screen-reader' }, t('app.loading')));
}

/** A description list of [term, value] pairs (value: text or node; null values are skipped). */
export function descriptions(pairs) {
  return h('dl', { class: 'pf-v5-c-description-list pf-m-horizontal pf-m-compact' },
    pairs.filter(p => p && p[1] !== null && p[1] !== undefined && p[1] !== '').map(([term, value]) =>
      h('div', { class: 'pf-v5-c-description-list__group' },
        h('dt', { class: 'pf-v5-c-description-list__term' }, h('span', { class: 'pf-v5-c-description-list__text' }, term)),
        h('dd', { class: 'pf-v5-c-description-list__description' }, h('div', { class: 'pf-v5-c-description-list__text' }, value)))));
}

export function card(title, ...body) {
  const headingId = uid('card');
  return h('section', { class: 'pf-v5-c-card', 'aria-labelledby': headingId },
    h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-card__title-text', id: headingId }, title)),
    h('div', { class: 'pf-v5-c-card__body' }, ...body));
}

/**
 * A table that turns into stacked rows on a phone (PatternFly grid-md). columns: [{label}];
 * rows: arrays of cells (text or node), the first cell being the row's link when it is a button.
 */
export function table(caption, columns, rows) {
  return h('table', { class: 'pf-v5-c-table pf-m-grid-md pf-m-compact', role: 'grid' },
    h('caption', { class: 'pf-v5-screen-reader' }, caption),
    h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
      columns.map(c => h('th', { class: 'pf-v5-c-table__th', scope: 'col' }, c.label)))),
    h('tbody', { class: 'pf-v5-c-table__tbody' }, rows.map(cells => h('tr', { class: 'pf-v5-c-table__tr' },
      cells.map((cell, i) => h('td', { class: 'pf-v5-c-table__td', 'data-label': columns[i].label }, cell))))));
}

/**
 * Paging (PatternFly pagination): «1–50 of 120», previous/next. total may be a lower bound
 * (exact=false: «of more than 1000»). onPage(first) loads that page.
 */
export function pagination({ first, max, shown, total, exact = true, onPage }) {
  const from = shown === 0 ? 0 : first + 1;
  const to = first + shown;
  const totalText = total === null || total === undefined ? '' : exact ? t('app.paging.of', total) : t('app.paging.ofMore', total);
  const hasNext = total === null || total === undefined ? shown === max : !exact || to < total;
  return h('nav', { class: 'pf-v5-c-pagination pf-m-compact', 'aria-label': t('app.paging.label') },
    h('div', { class: 'pf-v5-c-pagination__total-items' }, h('b', null, from + '–' + to), ' ', totalText),
    h('div', { class: 'pf-v5-c-pagination__nav' },
      h('div', { class: 'pf-v5-c-pagination__nav-control pf-m-prev' },
        button('‹', { variant: 'plain', disabled: first === 0, 'aria-label': t('app.paging.previous'), onClick: () => onPage(Math.max(0, first - max)) })),
      h('div', { class: 'pf-v5-c-pagination__nav-control pf-m-next' },
        button('›', { variant: 'plain', disabled: !hasNext, 'aria-label': t('app.paging.next'), onClick: () => onPage(first + max) }))));
}

// ---------------------------------------------------------------------------------------------
// Toasts

function toastGroup() {
  let group = document.getElementById('school-toasts');
  if (!group) {
    group = h('ul', { class: 'pf-v5-c-alert-group pf-m-toast', id: 'school-toasts', role: 'list', 'aria-live': 'polite' });
    document.body.append(group);
  }
  return group;
}

/** A toast (PatternFly alert group) that goes away by itself after a while or by its close button. */
export function toast(message, variant = 'success') {
  const item = h('li', { class: 'pf-v5-c-alert-group__item' });
  const close = () => item.remove();
  item.append(h('div', { class: 'pf-v5-c-alert pf-m-' + variant, role: variant === 'danger' ? 'alert' : 'status' },
    h('p', { class: 'pf-v5-c-alert__title' }, h('span', { class: 'pf-v5-screen-reader' }, t('app.alert.' + variant) + ': '), message),
    h('div', { class: 'pf-v5-c-alert__action' }, button('×', { variant: 'plain', 'aria-label': t('app.close'), onClick: close }))));
  toastGroup().append(item);
  setTimeout(close, variant === 'danger' ? 15000 : 8000);
}

// ---------------------------------------------------------------------------------------------
// Dialogs: PatternFly modal box; focus stays inside (Tab cycles), Esc and the × close it, the
// rest of the page is inert meanwhile, focus returns to what opened it.

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Opens a dialog. body: nodes; actions: [{label, variant, onClick(dialog), id}] (the footer's
 * buttons; onClick may return a promise, the buttons wait). Returns {close, element, body, setError}.
 */
export function openDialog({ title, body = [], actions = [], size = 'sm', onClose }) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  const errorBox = h('div', { class: 'school-dialog-error', 'aria-live': 'assertive' });
  const bodyEl = h('div', { class: 'pf-v5-c-modal-box__body' }, errorBox, ...[].concat(body));
  const footer = h('footer', { class: 'pf-v5-c-modal-box__footer' });
  const box = h('div', { class: 'pf-v5-c-modal-box pf-m-' + size, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    h('div', { class: 'pf-v5-c-modal-box__close' }, button('×', { variant: 'plain', 'aria-label': t('app.close'), onClick: () => dialog.close() })),
    h('header', { class: 'pf-v5-c-modal-box__header' }, h('h1', { class: 'pf-v5-c-modal-box__title', id: titleId }, title)),
    bodyEl, footer);
  const backdrop = h('div', { class: 'pf-v5-c-backdrop' }, h('div', { class: 'pf-v5-l-bullseye' }, box));
  const page = document.getElementById('app');
  const dialog = {
    element: box,
    body: bodyEl,
    setError(message) { errorBox.replaceChildren(message ? alert('danger', message) : ''); },
    close() {
      document.removeEventListener('keydown', onKey, true);
      backdrop.remove();
      if (page && !document.querySelector('.pf-v5-c-backdrop')) page.inert = false;
      if (onClose) onClose();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
    },
  };
  for (const a of actions) {
    const b = button(a.label, { variant: a.variant || 'secondary', id: a.id, onClick: async () => {
      if (!a.onClick) { dialog.close(); return; }
      const buttons = footer.querySelectorAll('button');
      buttons.forEach(x => { x.disabled = true; });
      try {
        await a.onClick(dialog);
      } finally {
        buttons.forEach(x => { x.disabled = false; });
      }
    } });
    footer.append(b);
  }
  function onKey(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      dialog.close();
    } else if (e.key === 'Tab') {
      const items = [...box.querySelectorAll(FOCUSABLE)].filter(el => el.offsetParent !== null);
      if (items.length === 0) { e.preventDefault(); return; }
      const firstItem = items[0];
      const lastItem = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === firstItem || !box.contains(document.activeElement))) {
        e.preventDefault(); lastItem.focus();
      } else if (!e.shiftKey && (document.activeElement === lastItem || !box.contains(document.activeElement))) {
        e.preventDefault(); firstItem.focus();
      }
    }
  }
  document.addEventListener('keydown', onKey, true);
  document.body.append(backdrop);
  if (page) page.inert = true;
  const firstField = bodyEl.querySelector('input, select, textarea') || footer.querySelector('button') || box.querySelector('button');
  if (firstField) firstField.focus();
  return dialog;
}

// ---------------------------------------------------------------------------------------------
// The page shell: masthead (brand, language switch, user, logout), sidebar navigation, main area.

/**
 * Builds the shell into #app. nav: [{id, label, href}] (hash links); returns {main, setCurrent(id)}.
 * The sidebar is always shown on a desktop and opens from the masthead's menu button on a phone.
 */
export function shell({ brand, subtitle, nav, user }) {
  const app = document.getElementById('app');
  const sidebarId = 'school-sidebar';
  const toggle = button('☰', { variant: 'plain', 'aria-label': t('app.menu'), 'aria-expanded': 'false', 'aria-controls': sidebarId, id: 'nav-toggle' });
  const languageSelect = select(languages().map(l => [l.tag, l.label]), language(), { id: 'language', 'aria-label': t('app.language') });
  languageSelect.addEventListener('change', () => setLanguage(languageSelect.value));
  const links = nav.map(item => h('li', { class: 'pf-v5-c-nav__item' },
    h('a', { class: 'pf-v5-c-nav__link', href: item.href, id: 'nav-' + item.id, 'data-nav': item.id }, item.label)));
  const sidebar = h('div', { class: 'pf-v5-c-page__sidebar', id: sidebarId },
    h('div', { class: 'pf-v5-c-page__sidebar-body' },
      h('nav', { class: 'pf-v5-c-nav', 'aria-label': t('app.navigation') }, h('ul', { class: 'pf-v5-c-nav__list', role: 'list' }, links))));
  const setSidebar = open => {
    sidebar.classList.toggle('pf-m-expanded', open);
    sidebar.classList.toggle('pf-m-collapsed', !open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setSidebar(!sidebar.classList.contains('pf-m-expanded')));
  sidebar.addEventListener('click', e => { if (e.target.closest('a') && window.innerWidth < 1200) setSidebar(false); });
  setSidebar(window.innerWidth >= 1200);
  const main = h('main', { class: 'pf-v5-c-page__main', id: 'main', tabindex: '-1' });
  app.replaceChildren(
    h('a', { class: 'pf-v5-c-skip-to-content pf-v5-c-button pf-m-primary', href: '#main', id: 'skip' }, t('app.skipToContent')),
    h('div', { class: 'pf-v5-c-page' },
      h('header', { class: 'pf-v5-c-masthead' },
        h('span', { class: 'pf-v5-c-masthead__toggle' }, toggle),
        h('div', { class: 'pf-v5-c-masthead__main' }, h('span', { class: 'pf-v5-c-masthead__brand school-brand' },
          h('span', { class: 'school-brand__title' }, brand), subtitle ? h('span', { class: 'school-brand__subtitle', id: 'brand-subtitle' }, subtitle) : null)),
        h('div', { class: 'pf-v5-c-masthead__content school-masthead-tools' },
          h('span', { class: 'pf-v5-c-form-control school-language' }, languageSelect),
          h('span', { class: 'school-user', id: 'user-name' }, user ? user.name : ''),
          button(t('app.logout'), { variant: 'secondary', id: 'logout', small: true, onClick: () => logout() }))),
      sidebar, main));
  // The skip link must not change the route: focus the main area instead of following '#main'.
  app.querySelector('#skip').addEventListener('click', e => { e.preventDefault(); main.focus(); });
  return {
    main,
    setCurrent(id) {
      for (const a of sidebar.querySelectorAll('a[data-nav]')) {
        const current = a.getAttribute('data-nav') === id;
        a.classList.toggle('pf-m-current', current);
        if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      }
    },
  };
}

/** The main area's heading block (PatternFly page section). */
export function pageHeader(title, ...rest) {
  return h('section', { class: 'pf-v5-c-page__main-section pf-m-light' },
    h('h1', { class: 'pf-v5-c-title pf-m-2xl', id: 'page-title', tabindex: '-1' }, title), ...rest);
}

export function section(...children) {
  return h('section', { class: 'pf-v5-c-page__main-section' }, ...children);
}

/** The hash route as [name, ...parts]: '#/people/parent' → ['people', 'parent']. */
export function route() {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

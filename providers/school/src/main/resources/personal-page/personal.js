// «Персональные настройки»: the person's own page (issue 11). Logs in with the public client
// school-personal (keycloak-js through the shared footing: an SSO session passes straight through),
// reads GET /school/me and renders each section with the ES module of its id (sections/<id>.js).
// A section the server sends but this page does not know yet is skipped: server and page may ship
// new sections (issue 12 «Мои дети», issue 13 «Сертификат») in either order.
import { startApp, api, t, h, shell, pageHeader, section, card, alert, spinner } from '../assets/school-app.js';

/** Section id → its module. Adding a section: its module in sections/ and one line here. */
const SECTION_MODULES = {
  esia: './sections/esia.js',
  requests: './sections/requests.js',
  organisations: './sections/organisations.js',
  certificate: './sections/certificate.js',
  children: './sections/children.js',
  'child-access': './sections/child-access.js',
};

let session = null;
let page = null;

async function main() {
  session = await startApp({ clientId: 'school-personal', bundlePrefix: 'personal.', onLanguage: render });
  render();
  try {
    page = await api('me');
  } catch (e) {
    page = { error: e };
  }
  render();
}

async function render() {
  document.title = t('personal.title');
  const known = page && page.sections ? page.sections.filter(s => SECTION_MODULES[s.id]) : [];
  const layout = shell({
    brand: t('personal.title'),
    subtitle: null,
    user: session.user,
    nav: known.map(s => ({ id: s.id, label: t(s.titleKey), href: '#section-' + s.id })),
  });
  // This page's main area holds text only: a keyboard reaches its scrolling only if it is a tab stop (axe: scrollable-region-focusable).
  layout.main.tabIndex = 0;
  if (!page) {
    layout.main.append(pageHeader(t('personal.title')), section(spinner()));
    return;
  }
  if (page.error) {
    layout.main.append(pageHeader(t('personal.title')),
      section(alert('danger', t('personal.error.load'), page.error.message, { id: 'personal-error' })));
    return;
  }
  const person = page.person || {};
  const name = [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ') || person.username;
  const cards = [];
  for (const s of known) {
    const module = await import(SECTION_MODULES[s.id]);
    const body = module.default(s.data);
    const built = card(t(s.titleKey), body);
    built.id = 'section-' + s.id;
    built.setAttribute('data-section', s.id);
    cards.push(built);
  }
  layout.main.append(
    pageHeader(t('personal.title'),
      h('p', { class: 'personal-person', id: 'person' },
        h('span', { id: 'person-name' }, name),
        person.role ? ' · ' + t('personal.role.' + person.role) : '')),
    section(h('div', { class: 'personal-sections', id: 'sections' }, cards)));
}

main();

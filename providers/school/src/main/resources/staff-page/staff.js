// Over 400 lines: the framework-free staff page, to be rebuilt by capability on PatternFly (issue 11).
/*
 * Staff page of a school / kindergarten / ОДО: lists of parents and students of the staff member's
 * organisation, a person's card, issuing credentials (R-ODO-2, R-ODO-3), linking the person's
 * Госуслуги (ESIA) account (R-LINK-4), access requests «Обратиться в организацию» sent to the
 * organisation (R-REQ-3): list, what ESIA said beside the accounts it may belong to, the decision.
 *
 * Login: OpenID Connect authorisation code with PKCE (S256) against this realm, public client from
 * <meta name="school-staff-client">. Only the PKCE verifier and state live in sessionStorage, for the
 * round trip; tokens stay in memory. Every text that comes from data is inserted with textContent.
 */
(function () {
  'use strict';

  var PKCE_KEY = 'school-staff.login';
  var LOGGED_OUT_KEY = 'school-staff.logged-out';
  var LOGIN_MAX_AGE_MS = 10 * 60 * 1000;

  var MESSAGES = {
    network: 'Нет связи с сервером. Проверьте подключение и повторите попытку.',
    unavailable: 'Сервис временно недоступен. Повторите попытку позже.',
    forbidden: 'Нет доступа.',
    notFound: 'Запись не найдена.',
    badRequest: 'Запрос не выполнен.',
    insecure: 'Страницу нужно открывать по защищённому адресу (https://).',
    wrongAddress: 'Страница открыта по неверному адресу.',
    loginFailed: 'Вход не выполнен. Попробуйте войти ещё раз.',
    loggedOut: 'Вы вышли из кабинета сотрудника.',
    tooShort: 'Пароль должен содержать не менее 8 символов.',
    mismatch: 'Пароли не совпадают',
    changed: 'Пароль изменён. Передайте логин и пароль родителю (ученику).',
    pressLoad: 'Нажмите кнопку «Загрузить» для загрузки данных',
    loading: 'Загрузка…',
    nobody: 'Никого не найдено.',
    copied: 'Логин скопирован.',
    copyFailed: 'Не удалось скопировать: выделите логин и скопируйте вручную.',
    esiaNone: 'Не привязана',
    esiaPending: 'Ожидает входа через Госуслуги',
    esiaLinkedSince: 'Привязана с ',
    esiaNoneHint: 'Проверьте, что в карточке заполнены фамилия, имя, дата рождения и СНИЛС, и нажмите «Разрешить привязку». '
        + 'При следующем входе через Госуслуги с подтверждённой учётной записью, у которой СНИЛС, ФИО и дата рождения '
        + 'совпадают с карточкой, учётная запись привяжется автоматически.',
    esiaPendingHint: 'При следующем входе через Госуслуги с подтверждённой учётной записью, у которой СНИЛС, ФИО и дата '
        + 'рождения совпадают с карточкой, учётная запись привяжется автоматически.',
    esiaLinkedHint: 'Вход через Госуслуги выполняется сразу в эту учётную запись. После отвязки следующий вход через '
        + 'Госуслуги снова начнётся с поиска учётной записи.',
    esiaAuthorised: 'Привязка разрешена. Она завершится при следующем входе через Госуслуги.',
    esiaUnlinked: 'Учётная запись отвязана от Госуслуг.',
    esiaCancelled: 'Разрешение на привязку отменено.',
    esiaConfirmUnlink: 'Отвязать учётную запись от Госуслуг? Следующий вход через Госуслуги начнётся с поиска учётной записи.',
    esiaConfirmCancel: 'Отменить разрешение на привязку к Госуслугам?',
    esiaUnlink: 'Отвязать',
    esiaCancel: 'Отменить разрешение',
    requestsNone: 'Обращений не найдено.',
    chooseAccount: 'Выберите учетную запись, с которой нужно связать обращение.',
    rejectNeedsComment: 'Укажите причину отказа: она придет заявителю по электронной почте.',
    trusted: 'Подтвержденная',
    untrusted: 'Не подтверждена',
    noComment: 'Нет',
    noCandidates: 'Похожих учетных записей с этой ролью в организации нет. Можно создать учетную запись по данным Госуслуг.',
    noChild: 'Не связывать с ребенком',
    noChildCandidates: 'Учетная запись ребенка в организации не найдена: родителя можно связать с ребенком позже.'
  };

  var REQUEST_STATUSES = {
    pending: 'Ожидает',
    resolved: 'Разрешено',
    rejected: 'Отклонено',
    // Defect 9: closed by itself when the person was linked with this role here another way.
    'linked-elsewhere': 'Привязан другим способом'
  };

  var REQUEST_ROLES = {
    parent: 'Родитель',
    student: 'Ученик'
  };

  /** The three decisions: dialog title, confirm button, success message. */
  var DECISIONS = {
    link: { title: 'Связать с учетной записью', confirm: 'Связать', done: 'разрешено: учетная запись связана с Госуслугами.' },
    create: { title: 'Создать учетную запись', confirm: 'Создать', done: 'разрешено: учетная запись создана и связана с Госуслугами.' },
    reject: { title: 'Отклонить обращение', confirm: 'Отклонить', done: 'отклонено.' }
  };

  var LINK_METHODS = {
    password: 'по логину и паролю (самостоятельно)',
    snils: 'по СНИЛС, ФИО и дате рождения',
    staff: 'сотрудником по идентификатору ЕСИА',
    'staff-card': 'сотрудником по данным карточки',
    'import': 'при переносе данных'
  };

  var ROLES = {
    parent: {
      list: 'Список родителей', status: 'Все родители', card: 'Сведения о родителе',
      relatives: 'Дети', relativesField: 'children', hash: '#parents'
    },
    student: {
      list: 'Список учеников', status: 'Все ученики', card: 'Сведения об ученике',
      relatives: 'Родители', relativesField: 'parents', hash: '#students'
    }
  };

  // ---- where we are: /…/realms/{realm}/school/staff-page/ ----------------------------------------

  var place = /^(.*?)\/realms\/([^/]+)\/school\/staff-page\//.exec(location.pathname);
  var realmUrl = place ? location.origin + place[1] + '/realms/' + place[2] : null;
  var pageUrl = place ? location.origin + place[0] : null;
  var apiUrl = place ? realmUrl + '/school/staff' : null;
  var requestsUrl = place ? realmUrl + '/school/access-requests' : null;
  var clientId = (document.querySelector('meta[name="school-staff-client"]') || {}).content || 'school-staff';

  // ---- state (memory only) ----------------------------------------------------------------------

  var oidc = null;        // discovery document
  var tokens = null;      // {access, refresh, idToken, expiresAt}
  var refreshing = null;  // the refresh in flight, shared
  var lists = {
    parent: { surname: '', max: 50, first: 0, result: null },
    student: { surname: '', max: 50, first: 0, result: null }
  };
  var currentRole = 'parent';
  var card = null;        // the person shown
  var cameFromList = false;
  var requests = {
    status: 'pending', role: '', className: '', from: '', to: '', overdue: false, first: 0, max: 50,
    result: null, stale: true, success: null
  };
  var request = null;     // the access request shown
  var decision = null;    // {kind, accountId, childAccountId, request} while the decision dialog is open
  var decisionDialog = null;

  /** Thrown when the page leaves for the login page: nothing more to do here. */
  function Leaving() {}

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  function $(id) {
    return document.getElementById(id);
  }

  function show(el, visible) {
    el.hidden = !visible;
  }

  function text(el, value) {
    el.textContent = value == null ? '' : String(value);
  }

  // ---- OIDC with PKCE ---------------------------------------------------------------------------

  function base64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) {
      s += String.fromCharCode(bytes[i]);
    }
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString(byteCount) {
    var bytes = new Uint8Array(byteCount);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  function decodeJwtPayload(jwt) {
    try {
      var part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var binary = atob(part);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) {
        bytes[i] = binary.charCodeAt(i);
      }
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
  }

  function discover() {
    return fetch(realmUrl + '/.well-known/openid-configuration', { credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) {
          throw new ApiError(res.status, 'discovery', MESSAGES.unavailable);
        }
        return res.json();
      }, function () {
        throw new ApiError(0, 'network', MESSAGES.network);
      })
      .then(function (doc) {
        oidc = doc;
      });
  }

  function login() {
    if (!window.crypto || !crypto.subtle) {
      return Promise.reject(new ApiError(0, 'insecure', MESSAGES.insecure));
    }
    var verifier = randomString(48);
    var state = randomString(24);
    var nonce = randomString(24);
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      sessionStorage.removeItem(LOGGED_OUT_KEY);
      sessionStorage.setItem(PKCE_KEY, JSON.stringify({
        state: state, verifier: verifier, nonce: nonce, hash: location.hash, at: Date.now()
      }));
      var params = new URLSearchParams({
        client_id: clientId,
        redirect_uri: pageUrl,
        response_type: 'code',
        scope: 'openid',
        state: state,
        nonce: nonce,
        code_challenge: base64url(new Uint8Array(digest)),
        code_challenge_method: 'S256'
      });
      location.assign(oidc.authorization_endpoint + '?' + params.toString());
      throw new Leaving();
    });
  }

  /** The answer of the login page in the query string, if this load is one. */
  function takeLoginAnswer() {
    var query = new URLSearchParams(location.search);
    if (!query.has('state') || !(query.has('code') || query.has('error'))) {
      return null;
    }
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    } catch (e) {
      saved = null;
    }
    sessionStorage.removeItem(PKCE_KEY);
    // The code must not stay in the address bar or the history.
    history.replaceState(null, '', pageUrl + (saved && saved.hash ? saved.hash : ''));
    return { query: query, saved: saved };
  }

  function exchangeCode(answer) {
    var query = answer.query;
    var saved = answer.saved;
    if (!saved || saved.state !== query.get('state') || Date.now() - saved.at > LOGIN_MAX_AGE_MS
        || query.has('error') || (query.has('iss') && query.get('iss') !== oidc.issuer)) {
      return Promise.reject(new ApiError(401, 'login_failed', MESSAGES.loginFailed));
    }
    return tokenRequest({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: pageUrl,
      client_id: clientId,
      code_verifier: saved.verifier
    }).then(function () {
      var claims = tokens.idToken ? decodeJwtPayload(tokens.idToken) : null;
      if (!claims || claims.nonce !== saved.nonce) {
        tokens = null;
        throw new ApiError(401, 'login_failed', MESSAGES.loginFailed);
      }
    });
  }

  function tokenRequest(form) {
    return fetch(oidc.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (res) {
      return res.json().catch(function () {
        return {};
      }).then(function (body) {
        if (!res.ok || !body.access_token) {
          throw new ApiError(401, 'login_failed', MESSAGES.loginFailed);
        }
        tokens = {
          access: body.access_token,
          refresh: body.refresh_token || null,
          idToken: body.id_token || (tokens && tokens.idToken) || null,
          expiresAt: Date.now() + (body.expires_in || 60) * 1000
        };
      });
    }, function () {
      throw new ApiError(0, 'network', MESSAGES.network);
    });
  }

  /** A valid access token: refreshed shortly before it expires, a new login when that fails. */
  function accessToken() {
    if (tokens && Date.now() < tokens.expiresAt - 15000) {
      return Promise.resolve(tokens.access);
    }
    if (tokens && tokens.refresh) {
      if (!refreshing) {
        refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: clientId })
          .then(function () {
            refreshing = null;
            return tokens.access;
          }, function (e) {
            refreshing = null;
            if (e.code === 'network') {
              throw e;
            }
            tokens = null;
            return login();
          });
      }
      return refreshing;
    }
    return login();
  }

  function logout() {
    var idToken = tokens && tokens.idToken;
    tokens = null;
    sessionStorage.setItem(LOGGED_OUT_KEY, '1');
    if (!oidc || !oidc.end_session_endpoint) {
      location.replace(pageUrl);
      return;
    }
    var params = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: pageUrl });
    if (idToken) {
      params.set('id_token_hint', idToken);
    }
    location.assign(oidc.end_session_endpoint + '?' + params.toString());
  }

  // ---- the staff REST API -----------------------------------------------------------------------

  function fallbackMessage(status) {
    if (status === 403) {
      return MESSAGES.forbidden;
    }
    if (status === 404) {
      return MESSAGES.notFound;
    }
    if (status >= 400 && status < 500) {
      return MESSAGES.badRequest;
    }
    return MESSAGES.unavailable;
  }

  function api(method, path, body) {
    return apiCall(apiUrl, method, path, body, false);
  }

  function requestsApi(method, path, body) {
    return apiCall(requestsUrl, method, path, body, false);
  }

  function apiCall(base, method, path, body, retried) {
    return accessToken().then(function (token) {
      // The page is Russian: the API's messages must be too, whatever the browser's languages.
      var headers = { Authorization: 'Bearer ' + token, Accept: 'application/json', 'Accept-Language': 'ru' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      return fetch(base + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store'
      }).then(null, function () {
        throw new ApiError(0, 'network', MESSAGES.network);
      });
    }).then(function (res) {
      if (res.status === 401 && !retried && tokens) {
        tokens.expiresAt = 0; // revoked or expired early: refresh once
        return apiCall(base, method, path, body, true);
      }
      return res.text().then(function (raw) {
        var data = null;
        if (raw) {
          try {
            data = JSON.parse(raw);
          } catch (e) {
            data = null;
          }
        }
        if (!res.ok) {
          var message = data && typeof data.message === 'string' && data.message ? data.message : fallbackMessage(res.status);
          throw new ApiError(res.status, data && data.error, message);
        }
        return data;
      });
    });
  }

  // ---- formatting -------------------------------------------------------------------------------

  function fullName(p) {
    return [p.lastName, p.firstName, p.middleName].filter(function (s) {
      return s;
    }).join(' ');
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[3] + '.' + m[2] + '.' + m[1] : (iso || '—');
  }

  /** An ISO instant as the staff member's local date, dd.mm.yyyy. */
  function formatInstant(iso) {
    var d = iso ? new Date(iso) : null;
    if (!d || isNaN(d.getTime())) {
      return '—';
    }
    var two = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    return two(d.getDate()) + '.' + two(d.getMonth() + 1) + '.' + d.getFullYear();
  }

  function formatGender(g) {
    return g === 'M' ? 'Мужской' : g === 'F' ? 'Женский' : '—';
  }

  function personLink(person) {
    var a = document.createElement('a');
    a.href = '#person/' + encodeURIComponent(person.id);
    a.className = 'link';
    text(a, fullName(person) || person.username || person.id);
    return a;
  }

  // ---- views ------------------------------------------------------------------------------------

  function showView(name) {
    ['loading', 'problem', 'list', 'card', 'requests', 'request'].forEach(function (v) {
      show($('view-' + v), v === name);
    });
    show($('switch'), name === 'list' || name === 'requests');
  }

  function pressSwitch(which) {
    ['parent', 'student', 'requests'].forEach(function (r) {
      $('switch-' + r).setAttribute('aria-pressed', r === which ? 'true' : 'false');
    });
  }

  function showProblem(message, withLogin, withLogout) {
    text($('problem-text'), message);
    show($('problem-login'), !!withLogin);
    show($('problem-logout'), !!withLogout);
    show($('top'), false);
    showView('problem');
  }

  function renderHeader(me) {
    var org = me.organization || {};
    text($('org-type'), org.typeLabel || '');
    text($('org-name'), org.name || '');
    text($('staff-name'), fullName(me) || me.username);
    text($('staff-positions'), (me.positions || []).join(', '));
    document.title = (org.name ? org.name + ' — ' : '') + 'Родители и ученики';
    show($('top'), true);
  }

  function showList(role, focusTitle) {
    currentRole = role;
    var labels = ROLES[role];
    var state = lists[role];
    pressSwitch(role);
    text($('list-title'), labels.list);
    text($('people-caption'), labels.list);
    text($('f-status-all'), labels.status);
    $('f-surname').value = state.surname;
    $('f-max').value = String(state.max);
    show($('list-error'), false);
    renderResult(state);
    showView('list');
    if (focusTitle) {
      $('list-title').focus();
    }
  }

  function renderResult(state) {
    var body = $('people-body');
    body.replaceChildren();
    var result = state.result;
    if (!result) {
      text($('list-message'), MESSAGES.pressLoad);
      show($('people'), false);
      show($('pager'), false);
      return;
    }
    var items = result.items || [];
    items.forEach(function (p) {
      var tr = document.createElement('tr');
      var name = document.createElement('td');
      name.appendChild(personLink(p));
      var birth = document.createElement('td');
      birth.setAttribute('data-label', 'Дата рождения');
      text(birth, formatDate(p.birthdate));
      var org = document.createElement('td');
      org.setAttribute('data-label', 'Организация');
      text(org, p.homeOrganization && p.homeOrganization.name ? p.homeOrganization.name : '—');
      tr.append(name, birth, org);
      body.appendChild(tr);
    });
    var total = typeof result.total === 'number' ? result.total : items.length;
    var first = result.first || 0;
    if (items.length === 0) {
      text($('list-message'), MESSAGES.nobody);
    } else {
      text($('list-message'), 'Найдено: ' + total + '. Показаны записи ' + (first + 1) + '–' + (first + items.length) + '.');
    }
    show($('people'), items.length > 0);
    show($('pager'), total > items.length);
    text($('page-info'), items.length ? (first + 1) + '–' + (first + items.length) + ' из ' + total : '');
    $('page-prev').disabled = first <= 0;
    $('page-next').disabled = first + items.length >= total;
  }

  function loadList(first) {
    var role = currentRole;
    var state = lists[role];
    state.surname = $('f-surname').value.trim();
    state.max = parseInt($('f-max').value, 10) || 50;
    state.first = Math.max(0, first);
    var params = new URLSearchParams({ role: role, status: 'all', first: String(state.first), max: String(state.max) });
    if (state.surname) {
      params.set('surname', state.surname);
    }
    $('load').disabled = true;
    show($('list-error'), false);
    text($('list-message'), MESSAGES.loading);
    return api('GET', '/people?' + params.toString()).then(function (result) {
      state.result = result || { items: [], total: 0, first: 0 };
      if (currentRole === role) {
        renderResult(state);
      }
    }, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      state.result = null;
      renderResult(state);
      text($('list-message'), '');
      text($('list-error'), e.message);
      show($('list-error'), true);
    }).then(function () {
      $('load').disabled = false;
    });
  }

  function openCard(id) {
    card = null;
    show($('card-body'), false);
    show($('card-error'), false);
    show($('card-success'), false);
    text($('card-title'), MESSAGES.loading);
    text($('card-back-text'), ROLES[currentRole].list);
    showView('card');
    return api('GET', '/people/' + encodeURIComponent(id)).then(function (person) {
      card = person;
      renderCard(person);
      $('card-title').focus();
    }, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      text($('card-title'), ROLES[currentRole].card);
      text($('card-error'), e.message);
      show($('card-error'), true);
      $('card-title').focus();
    });
  }

  function renderCard(p) {
    if (ROLES[p.role]) {
      currentRole = p.role;
    }
    var labels = ROLES[currentRole];
    text($('card-title'), labels.card + ': ' + fullName(p));
    text($('card-back-text'), labels.list);
    text($('c-last'), p.lastName || '—');
    text($('c-first'), p.firstName || '—');
    text($('c-middle'), p.noMiddleName || !p.middleName ? 'Нет отчества' : p.middleName);
    text($('c-birth'), formatDate(p.birthdate));
    text($('c-gender'), formatGender(p.gender));
    show($('c-snils-label'), !!p.snilsMasked);
    show($('c-snils'), !!p.snilsMasked);
    text($('c-snils'), p.snilsMasked || '');
    text($('c-login'), p.login || p.username || '');
    text($('copy-status'), '');

    text($('c-relatives-label'), labels.relatives);
    var relatives = $('c-relatives');
    relatives.replaceChildren();
    var people = p[labels.relativesField] || [];
    if (!people.length) {
      var none = document.createElement('li');
      text(none, 'Нет');
      relatives.appendChild(none);
    }
    people.forEach(function (r) {
      var li = document.createElement('li');
      li.appendChild(personLink(r));
      relatives.appendChild(li);
    });

    var orgs = $('c-orgs');
    orgs.replaceChildren();
    (p.organizations || []).forEach(function (o) {
      var li = document.createElement('li');
      text(li, o.name || o.alias);
      orgs.appendChild(li);
    });
    var home = p.homeOrganization && p.homeOrganization.name;
    text($('c-home'), home || '—');

    // R-ODO-2: credentials of people enrolled from another organisation come from that organisation.
    show($('credentials-allowed'), !!p.canIssueCredentials);
    show($('credentials-elsewhere'), !p.canIssueCredentials);
    text($('credentials-elsewhere'), 'Учетные данные выдаёт организация, где обучается ребёнок: обратитесь в '
        + (home || 'организацию, создавшую учётную запись') + '. Родитель и ребёнок входят с логином и паролем, '
        + 'выданными в этой организации.');
    show($('esia-error'), false);
    show($('esia-success'), false);
    renderEsia(p);
    show($('card-body'), true);
  }

  // ---- «Госуслуги (ЕСИА)» (R-LINK-4) ------------------------------------------------------------

  function renderEsia(p) {
    // Only the home organisation links, as it issues credentials.
    var link = p.esiaLink;
    show($('esia-box'), !!p.canIssueCredentials && !!link);
    if (!p.canIssueCredentials || !link) {
      return;
    }
    var status = $('esia-status');
    status.className = 'esia-status';
    if (link.status === 'linked') {
      status.classList.add('is-linked');
      text(status, MESSAGES.esiaLinkedSince + formatInstant(link.since));
    } else if (link.status === 'pending') {
      status.classList.add('is-pending');
      text(status, MESSAGES.esiaPending);
    } else {
      text(status, MESSAGES.esiaNone);
    }
    var known = link.status === 'linked' || link.status === 'pending';
    show($('esia-facts'), known);
    text($('esia-method'), LINK_METHODS[link.method] || link.method || '—');
    show($('esia-by-label'), !!link.linkedBy);
    show($('esia-by'), !!link.linkedBy);
    text($('esia-by'), link.linkedBy || '');
    show($('esia-oid-label'), !!link.esiaOid);
    show($('esia-oid-row'), !!link.esiaOid);
    text($('esia-oid'), link.esiaOid || '');
    text($('esia-hint'), link.status === 'linked' ? MESSAGES.esiaLinkedHint
        : link.status === 'pending' ? MESSAGES.esiaPendingHint : MESSAGES.esiaNoneHint);
    show($('esia-authorise'), link.status === 'none');
    show($('esia-unlink'), known);
    text($('esia-unlink'), link.status === 'pending' ? MESSAGES.esiaCancel : MESSAGES.esiaUnlink);
    $('esia-authorise').disabled = false;
    $('esia-unlink').disabled = false;
  }

  function esiaAction(method, body, success) {
    var person = card;
    if (!person) {
      return;
    }
    show($('esia-error'), false);
    show($('esia-success'), false);
    show($('card-success'), false);
    $('esia-authorise').disabled = true;
    $('esia-unlink').disabled = true;
    api(method, '/people/' + encodeURIComponent(person.id) + '/esia-link', body).then(function (link) {
      if (card !== person) {
        return;
      }
      person.esiaLink = link || { status: 'none' };
      renderEsia(person);
      text($('esia-success'), success);
      show($('esia-success'), true);
    }, function (e) {
      if (e instanceof Leaving || card !== person) {
        return;
      }
      $('esia-authorise').disabled = false;
      $('esia-unlink').disabled = false;
      text($('esia-error'), e.message);
      show($('esia-error'), true);
      // Someone else may have changed the link meanwhile: show what is there now.
      if (e.status === 409 || (e.status === 404 && e.code === 'not_linked')) {
        api('GET', '/people/' + encodeURIComponent(person.id) + '/esia-link').then(function (link) {
          if (card === person && link) {
            person.esiaLink = link;
            renderEsia(person);
          }
        }, function () {});
      }
    });
  }

  function authoriseEsia() {
    esiaAction('PUT', {}, MESSAGES.esiaAuthorised);
  }

  function unlinkEsia() {
    if (!card || !card.esiaLink) {
      return;
    }
    var pending = card.esiaLink.status === 'pending';
    if (!window.confirm(pending ? MESSAGES.esiaConfirmCancel : MESSAGES.esiaConfirmUnlink)) {
      return;
    }
    esiaAction('DELETE', undefined, pending ? MESSAGES.esiaCancelled : MESSAGES.esiaUnlinked);
  }

  // ---- «Сменить пароль» -------------------------------------------------------------------------

  var dialog = null;

  function openPasswordDialog() {
    if (!card) {
      return;
    }
    resetPasswordForm();
    text($('password-for'), fullName(card) + ', логин ' + (card.login || card.username || ''));
    show($('card-success'), false);
    dialog.showModal();
    $('p-new').focus();
  }

  function resetPasswordForm() {
    $('p-new').value = '';
    $('p-confirm').value = '';
    $('p-temporary').checked = true;
    $('p-new').removeAttribute('aria-invalid');
    $('p-confirm').removeAttribute('aria-invalid');
    show($('password-error'), false);
    text($('password-error'), '');
    $('password-save').disabled = false;
  }

  function passwordError(message, field) {
    text($('password-error'), message);
    show($('password-error'), true);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }

  function savePassword(event) {
    event.preventDefault();
    var fresh = $('p-new');
    var confirmation = $('p-confirm');
    fresh.removeAttribute('aria-invalid');
    confirmation.removeAttribute('aria-invalid');
    show($('password-error'), false);
    if (fresh.value.length < 8) {
      passwordError(MESSAGES.tooShort, fresh);
      return;
    }
    if (fresh.value !== confirmation.value) {
      passwordError(MESSAGES.mismatch, confirmation);
      return;
    }
    var person = card;
    $('password-save').disabled = true;
    api('POST', '/people/' + encodeURIComponent(person.id) + '/credentials', {
      password: fresh.value,
      confirmation: confirmation.value,
      temporary: $('p-temporary').checked
    }).then(function () {
      dialog.close();
      text($('card-success'), MESSAGES.changed);
      show($('card-success'), true);
      $('card-success').focus();
    }, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      $('password-save').disabled = false;
      var field = e.code === 'password_mismatch' ? confirmation : (e.code === 'password_too_short' || e.code === 'password_policy') ? fresh : null;
      passwordError(e.message, field);
    });
  }

  function copyLogin() {
    var login = $('c-login').textContent;
    var done = function () {
      text($('copy-status'), MESSAGES.copied);
    };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents($('c-login'));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      text($('copy-status'), ok ? MESSAGES.copied : MESSAGES.copyFailed);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(login).then(done, fallback);
    } else {
      fallback();
    }
  }

  // ---- «Обращения»: access requests sent to the organisation (R-REQ-3) ----------------------------

  /** An ISO instant as the staff member's local date and time, dd.mm.yyyy hh:mm. */
  function formatDateTime(iso) {
    var d = iso ? new Date(iso) : null;
    if (!d || isNaN(d.getTime())) {
      return '—';
    }
    var two = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    return formatInstant(iso) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }

  /** Russian plural: one (1, 21), few (2–4, 22–24), many (5–20, 25…). */
  function plural(n, one, few, many) {
    var tens = n % 100;
    var units = n % 10;
    if (tens >= 11 && tens <= 14) {
      return many;
    }
    return units === 1 ? one : units >= 2 && units <= 4 ? few : many;
  }

  /** «N обращений ждут рассмотрения дольше X дней». */
  function overdueText(count, days) {
    return count + ' ' + plural(count, 'обращение', 'обращения', 'обращений') + ' '
        + plural(count, 'ждет', 'ждут', 'ждут') + ' рассмотрения дольше ' + days + ' '
        + (days % 10 === 1 && days % 100 !== 11 ? 'дня' : 'дней');
  }

  function statusLabel(status) {
    return REQUEST_STATUSES[status] || status || '—';
  }

  function roleLabel(role) {
    return REQUEST_ROLES[role] || role || '—';
  }

  function statusBadge(status) {
    var span = document.createElement('span');
    span.className = 'status status-' + (REQUEST_STATUSES[status] ? status : 'pending');
    text(span, statusLabel(status));
    return span;
  }

  function overdueBadge() {
    var span = document.createElement('span');
    span.className = 'badge badge-overdue';
    text(span, 'просрочено');
    return span;
  }

  function cell(label, value) {
    var td = document.createElement('td');
    if (label) {
      td.setAttribute('data-label', label);
    }
    if (value instanceof Node) {
      td.appendChild(value);
    } else {
      text(td, value);
    }
    return td;
  }

  function showRequests(focusTitle) {
    pressSwitch('requests');
    $('r-status').value = requests.status;
    $('r-role').value = requests.role;
    $('r-class').value = requests.className;
    $('r-from').value = requests.from;
    $('r-to').value = requests.to;
    $('r-overdue').checked = requests.overdue;
    show($('requests-error'), false);
    show($('requests-success'), !!requests.success);
    text($('requests-success'), requests.success || '');
    requests.success = null;
    showView('requests');
    if (focusTitle) {
      $('requests-title').focus();
    }
    if (requests.stale) {
      return loadRequests(requests.first);
    }
    renderRequests();
    return Promise.resolve();
  }

  function loadRequests(first) {
    requests.status = $('r-status').value;
    requests.role = $('r-role').value;
    requests.className = $('r-class').value.trim();
    requests.from = $('r-from').value;
    requests.to = $('r-to').value;
    requests.overdue = $('r-overdue').checked;
    requests.first = Math.max(0, first);
    var params = new URLSearchParams({ status: requests.status, first: String(requests.first), max: String(requests.max) });
    if (requests.role) {
      params.set('role', requests.role);
    }
    if (requests.className) {
      params.set('class', requests.className);
    }
    if (requests.from) {
      params.set('from', requests.from);
    }
    if (requests.to) {
      params.set('to', requests.to);
    }
    if (requests.overdue) {
      params.set('overdue', 'true');
    }
    $('r-load').disabled = true;
    show($('requests-error'), false);
    text($('requests-message'), MESSAGES.loading);
    return requestsApi('GET', '?' + params.toString()).then(function (result) {
      requests.result = result || { items: [], total: 0, first: 0 };
      requests.stale = false;
      renderRequests();
    }, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      requests.result = null;
      renderRequests();
      text($('requests-message'), '');
      text($('requests-error'), e.message);
      show($('requests-error'), true);
    }).then(function () {
      $('r-load').disabled = false;
    });
  }

  function renderRequests() {
    var body = $('requests-body');
    body.replaceChildren();
    var result = requests.result;
    if (!result) {
      show($('requests-table'), false);
      show($('r-pager'), false);
      show($('requests-overdue'), false);
      return;
    }
    var overdue = typeof result.overdueTotal === 'number' ? result.overdueTotal : 0;
    show($('requests-overdue'), overdue > 0);
    text($('requests-overdue-text'), overdue > 0 ? overdueText(overdue, result.overdueDays) : '');
    var items = result.items || [];
    items.forEach(function (r) {
      var tr = document.createElement('tr');
      if (r.overdue) {
        tr.className = 'is-overdue';
      }
      var link = document.createElement('a');
      link.href = '#request/' + encodeURIComponent(r.id);
      link.className = 'link';
      text(link, '№ ' + r.number);
      var number = cell(null, link);
      if (r.overdue) {
        number.append(' ', overdueBadge());
      }
      tr.append(number,
        cell('Дата', formatDateTime(r.createdAt)),
        cell('ФИО', fullName(r.person || {}) || '—'),
        cell('Роль', roleLabel(r.role)),
        cell('Ребенок', r.child ? fullName(r.child) : '—'),
        cell('Класс', r.className || '—'),
        cell('Статус', statusBadge(r.status)));
      body.appendChild(tr);
    });
    var total = typeof result.total === 'number' ? result.total : items.length;
    var first = result.first || 0;
    text($('requests-message'), items.length === 0 ? MESSAGES.requestsNone
        : 'Найдено: ' + (result.totalExact === false ? 'не менее ' : '') + total + '. Показаны записи ' + (first + 1) + '–' + (first + items.length) + '.');
    show($('requests-table'), items.length > 0);
    show($('r-pager'), total > items.length);
    text($('r-page-info'), items.length ? (first + 1) + '–' + (first + items.length) + ' из ' + (result.totalExact === false ? 'не менее ' : '') + total : '');
    $('r-page-prev').disabled = first <= 0;
    $('r-page-next').disabled = first + items.length >= total;
  }

  function openRequest(id) {
    request = null;
    show($('request-body'), false);
    show($('request-error'), false);
    text($('request-title'), MESSAGES.loading);
    showView('request');
    return requestsApi('GET', '/' + encodeURIComponent(id)).then(function (r) {
      request = r;
      renderRequest(r);
      $('request-title').focus();
    }, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      text($('request-title'), 'Обращение');
      text($('request-error'), e.message);
      show($('request-error'), true);
      $('request-title').focus();
    });
  }

  function renderRequest(r) {
    text($('request-title'), 'Обращение № ' + r.number);
    $('rq-status').replaceChildren(statusBadge(r.status));
    show($('rq-overdue'), !!r.overdue);

    var p = r.person || {};
    text($('rq-name'), fullName(p) || '—');
    text($('rq-birth'), formatDate(p.birthDate));
    text($('rq-email'), p.email || '—');
    text($('rq-snils'), p.snilsMasked || '—');
    text($('rq-trusted'), p.trusted ? MESSAGES.trusted : MESSAGES.untrusted);
    text($('rq-role'), roleLabel(r.role));
    text($('rq-class'), r.className || '—');
    text($('rq-created'), formatDateTime(r.createdAt));
    var c = r.child;
    show($('rq-child-box'), !!c);
    if (c) {
      text($('rq-child-name'), fullName(c) || '—');
      text($('rq-child-birth'), formatDate(c.birthDate));
      text($('rq-child-snils'), c.snilsMasked || '—');
      text($('rq-child-cert'), c.birthCertificate || '—');
    }
    // The person's words, as typed: text only, never markup.
    text($('rq-comment'), r.comment || MESSAGES.noComment);

    var pending = r.status === 'pending';
    show($('rq-accounts'), pending);
    show($('rq-action-error'), false);
    if (pending) {
      renderCandidates(r);
    }
    var d = r.decision;
    show($('rq-decision'), !!d);
    if (d) {
      text($('rq-d-status'), statusLabel(d.status));
      text($('rq-d-at'), formatDateTime(d.decidedAt));
      text($('rq-d-by'), d.decidedBy ? (d.decidedBy.name || d.decidedBy.id) : '—');
      show($('rq-d-account-label'), !!d.account);
      show($('rq-d-account'), !!d.account);
      $('rq-d-account').replaceChildren();
      if (d.account) {
        $('rq-d-account').appendChild(personLink({ id: d.account.id, lastName: d.account.name, username: d.account.username }));
        if (d.account.username) {
          $('rq-d-account').append(' (' + d.account.username + ')');
        }
      }
      text($('rq-d-comment'), d.comment || MESSAGES.noComment);
    }
    show($('request-body'), true);
  }

  /** What matched, in words: «Совпадает: СНИЛС, ФИО. Не совпадает: дата рождения.» */
  function matches(c) {
    var yes = [];
    var no = [];
    [[c.snilsMatches, 'СНИЛС'], [c.nameMatches, 'ФИО'], [c.birthDateMatches, 'дата рождения']].forEach(function (m) {
      (m[0] ? yes : no).push(m[1]);
    });
    return (yes.length ? 'Совпадает: ' + yes.join(', ') + '.' : '') + (yes.length && no.length ? ' ' : '')
        + (no.length ? 'Не совпадает: ' + no.join(', ') + '.' : '');
  }

  function choice(name, value, checked, disabled, title, lines) {
    var li = document.createElement('li');
    li.className = 'candidate' + (disabled ? ' is-refused' : '');
    var label = document.createElement('label');
    label.className = 'candidate-choice';
    var input = document.createElement('input');
    input.type = 'radio';
    input.name = name;
    input.value = value;
    input.checked = !!checked;
    input.disabled = !!disabled;
    var box = document.createElement('span');
    box.className = 'candidate-text';
    var strong = document.createElement('span');
    strong.className = 'candidate-name';
    text(strong, title);
    box.appendChild(strong);
    lines.forEach(function (line) {
      if (!line) {
        return;
      }
      var span = document.createElement('span');
      span.className = line.className || 'hint';
      text(span, line.text);
      box.appendChild(span);
    });
    label.append(input, box);
    li.appendChild(label);
    return li;
  }

  function candidateLines(c) {
    return [
      { text: 'Логин ' + (c.username || '—') + ' · дата рождения ' + formatDate(c.birthdate) },
      { text: matches(c) },
      c.refusal ? { className: 'refusal', text: 'Связать нельзя: ' + (c.refusal.message || c.refusal.reason) } : null
    ];
  }

  function renderCandidates(r) {
    var list = $('rq-candidates');
    list.replaceChildren();
    var candidates = r.candidates || [];
    if (!candidates.length) {
      var none = document.createElement('li');
      none.className = 'hint';
      text(none, MESSAGES.noCandidates);
      list.appendChild(none);
    }
    candidates.forEach(function (c) {
      list.appendChild(choice('rq-account', c.id, false, !!c.refusal, fullName(c) || c.username, candidateLines(c)));
    });
    $('rq-link').disabled = !candidates.some(function (c) {
      return !c.refusal;
    });

    var isParent = r.role === 'parent' && !!r.child;
    show($('rq-child-accounts'), isParent);
    var children = $('rq-child-candidates');
    children.replaceChildren();
    if (!isParent) {
      return;
    }
    var kids = r.childCandidates || [];
    // The likely child is chosen already; «Не связывать» stays one click away.
    var likely = kids.length && (kids[0].snilsMatches || (kids[0].nameMatches && kids[0].birthDateMatches)) ? kids[0].id : '';
    children.appendChild(choice('rq-child', '', !likely, false, MESSAGES.noChild,
        kids.length ? [] : [{ text: MESSAGES.noChildCandidates }]));
    kids.forEach(function (c) {
      children.appendChild(choice('rq-child', c.id, c.id === likely, false, fullName(c) || c.username, candidateLines(c)));
    });
  }

  function checkedValue(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : '';
  }

  function candidateName(list, id) {
    var found = (list || []).filter(function (c) {
      return c.id === id;
    })[0];
    return found ? (fullName(found) || found.username) + (found.username ? ' (' + found.username + ')' : '') : id;
  }

  function openDecision(kind) {
    var r = request;
    if (!r || r.status !== 'pending') {
      return;
    }
    show($('rq-action-error'), false);
    var accountId = kind === 'link' ? checkedValue('rq-account') : '';
    if (kind === 'link' && !accountId) {
      text($('rq-action-error'), MESSAGES.chooseAccount);
      show($('rq-action-error'), true);
      return;
    }
    var childAccountId = kind !== 'reject' && r.role === 'parent' ? checkedValue('rq-child') : '';
    decision = { kind: kind, accountId: accountId, childAccountId: childAccountId, request: r };
    var labels = DECISIONS[kind];
    var who = fullName(r.person || {});
    var what;
    if (kind === 'link') {
      what = 'Вход через Госуслуги заявителя ' + who + ' будет выполняться в учетную запись ' + candidateName(r.candidates, accountId) + '.';
    } else if (kind === 'create') {
      what = 'По данным Госуслуг будет создана учетная запись (' + roleLabel(r.role).toLowerCase() + ') ' + who
          + ' в вашей организации, и вход через Госуслуги будет выполняться в нее.';
    } else {
      what = 'Обращение будет отклонено. Заявитель получит письмо с вашим комментарием.';
    }
    if (childAccountId) {
      what += ' Родитель будет связан с ребенком ' + candidateName(r.childCandidates, childAccountId) + '.';
    }
    text($('decision-title'), labels.title);
    text($('decision-what'), what);
    text($('decision-confirm'), labels.confirm);
    $('decision-confirm').className = 'btn' + (kind === 'reject' ? ' btn-danger' : '');
    $('decision-comment').value = '';
    countComment();
    show($('decision-error'), false);
    $('decision-confirm').disabled = false;
    decisionDialog.showModal();
    $('decision-comment').focus();
  }

  function countComment() {
    text($('decision-count'), $('decision-comment').value.length + ' / 1000');
  }

  function decisionError(message) {
    text($('decision-error'), message);
    show($('decision-error'), true);
  }

  function submitDecision(event) {
    event.preventDefault();
    var d = decision;
    if (!d) {
      return;
    }
    var comment = $('decision-comment').value;
    if (d.kind === 'reject' && !comment.trim()) {
      decisionError(MESSAGES.rejectNeedsComment);
      $('decision-comment').focus();
      return;
    }
    var body = { comment: comment };
    var path = '/' + encodeURIComponent(d.request.id) + (d.kind === 'reject' ? '/reject' : '/resolve');
    if (d.kind === 'link') {
      body.accountId = d.accountId;
    } else if (d.kind === 'create') {
      body.createAccount = true;
    }
    if (d.childAccountId) {
      body.childAccountId = d.childAccountId;
    }
    show($('decision-error'), false);
    $('decision-confirm').disabled = true;
    requestsApi('POST', path, body).then(function (decided) {
      decision = null;
      decisionDialog.close();
      request = decided;
      // Back to the list, fetched again: the decided request leaves «Ожидают».
      requests.stale = true;
      requests.success = 'Обращение № ' + decided.number + ' ' + DECISIONS[d.kind].done;
      if (location.hash === '#requests') {
        showRequests(true);
      } else {
        location.hash = '#requests';
      }
    }, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      $('decision-confirm').disabled = false;
      decisionError(e.message);
      if (e.status === 409 && e.code === 'already_decided') {
        // Someone else decided meanwhile: show the request as it is now.
        requests.stale = true;
        requestsApi('GET', '/' + encodeURIComponent(d.request.id)).then(function (now) {
          if (request && request.id === now.id) {
            request = now;
            renderRequest(now);
          }
        }, function () {});
      }
    });
  }

  // ---- navigation -------------------------------------------------------------------------------

  function route() {
    var hash = location.hash;
    if (hash.indexOf('#person/') === 0) {
      var id = decodeURIComponent(hash.substring('#person/'.length));
      return openCard(id);
    }
    if (hash.indexOf('#request/') === 0) {
      return openRequest(decodeURIComponent(hash.substring('#request/'.length)));
    }
    if (hash === '#requests') {
      return showRequests(false);
    }
    cameFromList = true;
    showList(hash === '#students' ? 'student' : 'parent', false);
    return Promise.resolve();
  }

  function bind() {
    dialog = $('password-dialog');
    $('logout').addEventListener('click', logout);
    $('problem-logout').addEventListener('click', logout);
    $('problem-login').addEventListener('click', function () {
      sessionStorage.removeItem(LOGGED_OUT_KEY);
      location.replace(pageUrl + location.hash);
    });
    ['parent', 'student'].forEach(function (role) {
      $('switch-' + role).addEventListener('click', function () {
        if (location.hash === ROLES[role].hash) {
          showList(role, true);
        } else {
          location.hash = ROLES[role].hash;
        }
      });
    });
    $('switch-requests').addEventListener('click', function () {
      if (location.hash === '#requests') {
        showRequests(true);
      } else {
        location.hash = '#requests';
      }
    });
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      loadList(0);
    });
    $('page-prev').addEventListener('click', function () {
      var s = lists[currentRole];
      loadList(s.first - s.max);
    });
    $('page-next').addEventListener('click', function () {
      var s = lists[currentRole];
      loadList(s.first + s.max);
    });
    $('card-back').addEventListener('click', function () {
      if (cameFromList) {
        history.back();
      } else {
        location.hash = ROLES[currentRole].hash;
      }
    });
    $('r-filters').addEventListener('submit', function (event) {
      event.preventDefault();
      show($('requests-success'), false);
      loadRequests(0);
    });
    $('requests-overdue-show').addEventListener('click', function () {
      $('r-status').value = 'pending';
      $('r-overdue').checked = true;
      show($('requests-success'), false);
      loadRequests(0);
    });
    $('r-page-prev').addEventListener('click', function () {
      loadRequests(requests.first - requests.max);
    });
    $('r-page-next').addEventListener('click', function () {
      loadRequests(requests.first + requests.max);
    });
    $('request-back').addEventListener('click', function () {
      location.hash = '#requests';
    });
    $('rq-link').addEventListener('click', function () {
      openDecision('link');
    });
    $('rq-create').addEventListener('click', function () {
      openDecision('create');
    });
    $('rq-reject').addEventListener('click', function () {
      openDecision('reject');
    });
    decisionDialog = $('decision-dialog');
    $('decision-form').addEventListener('submit', submitDecision);
    $('decision-comment').addEventListener('input', countComment);
    $('decision-cancel').addEventListener('click', function () {
      decisionDialog.close();
    });
    decisionDialog.addEventListener('close', function () {
      decision = null;
    });
    $('change-password').addEventListener('click', openPasswordDialog);
    $('copy-login').addEventListener('click', copyLogin);
    $('esia-authorise').addEventListener('click', authoriseEsia);
    $('esia-unlink').addEventListener('click', unlinkEsia);
    $('password-form').addEventListener('submit', savePassword);
    $('password-cancel').addEventListener('click', function () {
      dialog.close();
    });
    // Whatever closes the dialog (Отмена, Esc, success), the typed passwords are gone.
    dialog.addEventListener('close', resetPasswordForm);
    window.addEventListener('hashchange', function () {
      if (tokens) {
        var hash = location.hash;
        route().then(function () {
          if (hash === '#requests') {
            $('requests-title').focus();
          } else if (hash.indexOf('#person/') !== 0 && hash.indexOf('#request/') !== 0) {
            $('list-title').focus();
          }
        });
      }
    });
  }

  function start() {
    bind();
    if (!place) {
      showProblem(MESSAGES.wrongAddress, false, false);
      return;
    }
    var answer = takeLoginAnswer();
    if (!answer && sessionStorage.getItem(LOGGED_OUT_KEY)) {
      showProblem(MESSAGES.loggedOut, true, false);
      return;
    }
    discover().then(function () {
      return answer ? exchangeCode(answer) : login();
    }).then(function () {
      return api('GET', '/me');
    }).then(function (me) {
      renderHeader(me);
      return route();
    }).then(null, function (e) {
      if (e instanceof Leaving) {
        return;
      }
      // Not staff (403 with the server's words), or the login did not complete.
      showProblem(e.message || MESSAGES.unavailable, !tokens, !!tokens);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());

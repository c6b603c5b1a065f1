// The account console's page for the menu item «Персональные настройки» (content.json). Loaded by
// keycloak.v3 as an ES module whose default export is a React component; "react/jsx-runtime" comes
// from the console's own import map. It holds no token and fetches nothing: it links to the school's
// page, which signs in by itself through the same SSO session (no second login).
import { jsx, jsxs } from "react/jsx-runtime";

const TEXTS = {
  ru: {
    title: "Персональные настройки",
    text: "Привязка к Госуслугам, ваши обращения в организации и организации, в которых вы состоите.",
    open: "Открыть персональные настройки",
  },
  en: {
    title: "Personal settings",
    text: "Your Gosuslugi link, your requests to organisations and the organisations you belong to.",
    open: "Open personal settings",
  },
};

/** /realms/<realm>/account/… → /realms/<realm>/school/personal/ (keeps a proxy's path prefix). */
function personalPageUrl() {
  const match = window.location.pathname.match(/^(.*\/realms\/[^/]+)\/account(?:\/|$)/);
  return (match ? match[1] : "") + "/school/personal/";
}

export default function SchoolPersonalSettings() {
  const language = (document.documentElement.lang || "ru").toLowerCase().startsWith("en") ? "en" : "ru";
  const t = TEXTS[language];
  return jsx("section", {
    className: "pf-v5-c-page__main-section",
    children: jsxs("div", {
      className: "pf-v5-c-content",
      children: [
        jsx("h1", { children: t.title }),
        jsx("p", { children: t.text }),
        jsx("a", { id: "school-personal-open", className: "pf-v5-c-button pf-m-primary", href: personalPageUrl(), children: t.open }),
      ],
    }),
  });
}

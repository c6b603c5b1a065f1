/*
 * The request form «Обратиться в организацию» (R-REQ-1): «Тип организации» → «Организация» → «Класс».
 * Choosing a type lists its organisations (from the directory on the page, as the login cascade does);
 * choosing an organisation asks the server for its classes (GET …/school/organisations/<alias>/classes).
 * Without this script the page works too: «Выбрать» posts the form and the server fills the next
 * select. The server checks every choice again when the form is sent.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.school-request-form");
  var directoryElement = document.getElementById("school-request-directory");
  if (!form || !directoryElement) {
    return;
  }
  var type = document.getElementById("schoolType");
  var organisation = document.getElementById("organization");
  var schoolClass = document.getElementById("schoolClass");
  if (!type || !organisation || !schoolClass || !window.fetch) {
    return;
  }
  var orgs = JSON.parse(directoryElement.textContent).orgs;
  var classesUrl = form.getAttribute("data-classes-url");
  var text = {
    choose: form.getAttribute("data-text-choose"),
    typeFirst: form.getAttribute("data-text-type-first"),
    organisationFirst: form.getAttribute("data-text-organisation-first"),
    noClasses: form.getAttribute("data-text-no-classes"),
    loading: form.getAttribute("data-text-loading")
  };
  var collator = new Intl.Collator("ru");
  var refreshButtons = Array.prototype.slice.call(form.querySelectorAll(".school-request-refresh"));
  var request = 0;

  function showRefresh(shown) {
    refreshButtons.forEach(function (button) { button.hidden = !shown; });
  }

  /** Replaces a select's options: a placeholder, then [value, label] pairs; disabled when there is nothing to choose. */
  function fill(select, placeholder, options, chosen) {
    while (select.options.length > 0) {
      select.remove(0);
    }
    select.add(new Option(placeholder, ""));
    (options || []).forEach(function (o) {
      select.add(new Option(o[1], o[0]));
    });
    select.value = chosen || "";
    select.disabled = !options || options.length === 0;
  }

  function organisationsOf(typeCode) {
    return orgs.filter(function (o) { return o.v[3] === typeCode; })
      .sort(function (a, b) { return collator.compare(a.n, b.n); })
      .map(function (o) { return [o.a, o.n]; });
  }

  function renderOrganisations() {
    if (!type.value) {
      fill(organisation, text.typeFirst, null, "");
    } else {
      fill(organisation, text.choose, organisationsOf(type.value), "");
    }
  }

  function renderClasses() {
    var alias = organisation.value;
    var ticket = ++request;
    if (!alias) {
      fill(schoolClass, text.organisationFirst, null, "");
      return;
    }
    fill(schoolClass, text.loading, null, "");
    fetch(classesUrl + encodeURIComponent(alias) + "/classes", { headers: { "Accept": "application/json" }, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("classes: " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (ticket !== request) {
          return; // another organisation was chosen meanwhile
        }
        var classes = (data.classes || []).map(function (c) { return [c.id, c.name]; });
        fill(schoolClass, classes.length ? text.choose : text.noClasses, classes, "");
      })
      .catch(function () {
        if (ticket !== request) {
          return;
        }
        // The server fills the classes instead: «Выбрать» comes back.
        fill(schoolClass, text.organisationFirst, null, "");
        showRefresh(true);
      });
  }

  type.addEventListener("change", function () {
    renderOrganisations();
    renderClasses();
  });
  organisation.addEventListener("change", renderClasses);

  // One filing per press: a second click while the first is on its way sends nothing.
  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-sending") === "1") {
      event.preventDefault();
      return;
    }
    if (event.submitter && event.submitter.name === "send") {
      form.setAttribute("data-sending", "1");
    }
  });

  showRefresh(false);
})();

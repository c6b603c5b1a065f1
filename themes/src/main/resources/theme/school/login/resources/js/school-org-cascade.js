/*
 * The organisation cascade of the password login page and the link form (R-ORG-2, R-LINK-2): each select offers what the
 * organisations matching every level chosen above it have; a level with one option is chosen
 * automatically, and says so; choosing an organisation directly fills the levels above it. The same
 * rules as OrganisationDirectory.resolve on the server, which renders the page and validates the login.
 * What the person picked is kept while it still fits; what was chosen for them goes as soon as a
 * level above changes, so a choice made for another settlement never picks an organisation.
 */
(function () {
  "use strict";

  // The password login page and «Привязать учетную запись» (R-LINK-2) share the cascade.
  var directoryElement = document.getElementById("school-org-directory");
  var cascade = document.getElementById("school-org-cascade");
  var form = cascade && cascade.closest("form");
  if (!directoryElement || !form) {
    return;
  }
  var orgs = JSON.parse(directoryElement.textContent).orgs;
  var fields = ["schoolRegion", "schoolMunicipality", "schoolSettlement", "schoolType", "organization"];
  var ORG = fields.length - 1;
  var selects = fields.map(function (f) { return document.getElementById(f); });
  if (selects.some(function (s) { return !s; })) {
    return;
  }
  var typeLabels = {};
  document.querySelectorAll("#school-org-type-labels [data-code]").forEach(function (span) {
    typeLabels[span.getAttribute("data-code")] = span.textContent.trim();
  });
  var byAlias = {};
  orgs.forEach(function (o) { byAlias[o.a] = o; });
  var collator = new Intl.Collator("ru");
  var typeOrder = ["preschool", "school", "supplementary", "authority"];

  function valueAt(org, level) {
    return level === ORG ? org.a : org.v[level];
  }

  function matchesAbove(org, level, chosen) {
    for (var i = 0; i < level; i++) {
      if (chosen[i] && chosen[i] !== valueAt(org, i)) {
        return false;
      }
    }
    return true;
  }

  function options(level, chosen) {
    var seen = {};
    var values = [];
    orgs.forEach(function (o) {
      var v = valueAt(o, level);
      if (matchesAbove(o, level, chosen) && !seen[v]) {
        seen[v] = true;
        values.push(v);
      }
    });
    if (level === ORG) {
      values.sort(function (a, b) { return collator.compare(byAlias[a].n, byAlias[b].n); });
    } else if (level === 3) {
      values.sort(function (a, b) { return rank(a) - rank(b); });
    } else {
      values.sort(collator.compare);
    }
    return values;
  }

  function rank(type) {
    var i = typeOrder.indexOf(type);
    return i < 0 ? typeOrder.length : i;
  }

  function resolve(requested) {
    var org = byAlias[requested[ORG]];
    if (org && matchesAbove(org, ORG, requested)) {
      return fields.map(function (f, level) { return valueAt(org, level); });
    }
    var resolved = fields.map(function () { return ""; });
    for (var level = 0; level < fields.length; level++) {
      var opts = options(level, resolved);
      if (requested[level] && opts.indexOf(requested[level]) >= 0) {
        resolved[level] = requested[level];
      } else if (opts.length === 1) {
        resolved[level] = opts[0];
      }
    }
    var auto = byAlias[resolved[ORG]];
    return auto ? fields.map(function (f, level) { return valueAt(auto, level); }) : resolved;
  }

  function label(level, value) {
    if (level === ORG) {
      return byAlias[value].n;
    }
    if (level === 3) {
      return typeLabels[value] || value;
    }
    return value;
  }

  // Which levels hold the person's own pick (not one filled in for them).
  var picked = fields.map(function () { return false; });
  var autoNotes = fields.map(function (f) { return document.getElementById(f + "-auto"); });
  var fullNames = fields.map(function (f) { return document.getElementById(f + "-chosen"); });
  var ruler = document.createElement("canvas").getContext("2d");

  // Whether the select cuts its chosen text (a 390 px phone and a long organisation name).
  function cut(select) {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value || !ruler) {
      return false;
    }
    var style = window.getComputedStyle(select);
    ruler.font = style.font || style.fontSize + " " + style.fontFamily;
    var room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return ruler.measureText(option.text).width > room;
  }

  function showFullNames() {
    selects.forEach(function (select, level) {
      if (fullNames[level]) {
        var option = select.options[select.selectedIndex];
        fullNames[level].textContent = option && option.value ? option.text : "";
        fullNames[level].hidden = !cut(select);
      }
    });
  }

  function render(chosen) {
    selects.forEach(function (select, level) {
      var placeholder = select.options.length > 0 && select.options[0].value === "" ? select.options[0].text : "";
      var opts = options(level, chosen);
      while (select.options.length > 0) {
        select.remove(0);
      }
      select.add(new Option(placeholder, ""));
      opts.forEach(function (v) {
        select.add(new Option(label(level, v), v));
      });
      select.value = chosen[level];
      if (autoNotes[level]) {
        autoNotes[level].hidden = !(chosen[level] && !picked[level] && opts.length === 1);
      }
    });
    showFullNames();
  }

  function current() {
    return selects.map(function (s) { return s.value; });
  }

  selects.forEach(function (select, level) {
    select.addEventListener("change", function () {
      var requested = current();
      picked[level] = !!select.value;
      for (var i = level + 1; i < requested.length; i++) {
        // Clearing a level opens everything below it, or a chosen organisation would refill it;
        // a changed level drops what was filled in below it for the old choice.
        if (!select.value || !picked[i]) {
          requested[i] = "";
          picked[i] = false;
        }
      }
      var resolved = resolve(requested);
      resolved.forEach(function (value, i) {
        picked[i] = picked[i] && value === requested[i];
      });
      render(resolved);
      if (select.value && level < ORG) {
        var next = selects.slice(level + 1).filter(function (s) { return !s.value; })[0];
        if (next) {
          next.focus();
        }
      }
    });
  });

  form.addEventListener("submit", function () {
    var button = document.getElementById("kc-login");
    if (button) {
      button.disabled = true;
    }
  });

  // On arrival a value counts as picked where there was a real choice (a remembered or sent
  // organisation); a level with a single option was filled in.
  (function () {
    var initial = current();
    initial.forEach(function (value, level) {
      picked[level] = !!value && options(level, initial.slice(0, level)).length > 1;
    });
  })();
  render(resolve(current()));
  window.addEventListener("resize", showFullNames);
})();

/* Centres directory and visiting page.

   1. A listed Centre carries data-listed-until, the last day its status holds as the scorer
      worked it out when the site was built. From the next day on (by this browser's clock) the
      record is hidden, however long ago the page was built. No rule is worked out here: the
      date is compared, nothing else.
   2. When no listed record is left (every last day has passed), the page's note on finding a
      Centre ([data-none-listed], in the page but hidden while some Centre is listed) is shown,
      and the directory's search and filters stay hidden: there is nothing for them to find.
   3. Otherwise, on the directory, filter by region and setting and search the text, all in the
      page; the filter is kept in the address (?q=...&region=...&setting=...) so a filtered view
      can be shared, and the page's contents list follows what is shown.
   Nothing is fetched: every record is already in the HTML, which also serves readers without
   JavaScript (the filter form stays hidden for them and every record is shown). */
(function () {
  "use strict";

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* Today on this device, as YYYY-MM-DD (local time: the day the reader is living in). */
  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  var day = today();
  var ended = 0;
  var listed = document.querySelectorAll("[data-listed-until]");
  Array.prototype.forEach.call(listed, function (el) {
    if (day > el.getAttribute("data-listed-until")) {
      el.hidden = true;
      el.setAttribute("data-ended", "");
      ended += 1;
    }
  });
  var noneLeft = ended === listed.length;
  if (noneLeft) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-none-listed]"), function (el) {
      el.hidden = false;
    });
  }
  var endedNote = document.getElementById("centre-ended");
  if (endedNote && ended > 0) {
    endedNote.textContent =
      plural(ended, "Centre listed", "Centres listed") +
      " when this page was built " + (ended === 1 ? "is" : "are") +
      " no longer shown: " + (ended === 1 ? "its" : "their") +
      " status has ended since.";
    endedNote.hidden = false;
  }

  /* A record past its last day leaves the contents list too (a function declared below). */
  Array.prototype.forEach.call(document.querySelectorAll(".ips-centre[data-ended] h3"), function (h) {
    contents(h.id, false);
  });

  var form = document.getElementById("centre-filters");
  if (!form || noneLeft) {
    return;
  }
  var search = document.getElementById("centre-search");
  var region = document.getElementById("centre-region");
  var setting = document.getElementById("centre-setting");
  var count = document.getElementById("centre-count");
  var records = Array.prototype.slice.call(
    document.querySelectorAll(".ips-centre:not([data-ended])")
  );
  var selects = { region: region, setting: setting };

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function value(select) {
    return select ? select.value : "";
  }

  function matches(record, query, wantedRegion, wantedSetting) {
    if (wantedRegion && record.getAttribute("data-region") !== wantedRegion) {
      return false;
    }
    if (wantedSetting && words(record.getAttribute("data-settings")).indexOf(wantedSetting) < 0) {
      return false;
    }
    var text = record.getAttribute("data-text");
    return query.every(function (word) {
      return text.indexOf(word) >= 0;
    });
  }

  /* The contents list (Material's table of contents) shows only the records on view. */
  function contents(id, show) {
    if (!id) {
      return;
    }
    var links = document.querySelectorAll('.md-nav a[href="#' + id + '"]');
    Array.prototype.forEach.call(links, function (link) {
      var item = link.closest("li");
      if (item) {
        item.hidden = !show;
      }
    });
  }

  /* The filter in the address: only the fields in use, replacing the current entry. */
  function remember() {
    var params = new URLSearchParams(location.search);
    [["q", search.value.trim()], ["region", value(region)], ["setting", value(setting)]].forEach(
      function (pair) {
        if (pair[1]) {
          params.set(pair[0], pair[1]);
        } else {
          params.delete(pair[0]);
        }
      }
    );
    var query = params.toString();
    var address = location.pathname + (query ? "?" + query : "") + location.hash;
    history.replaceState(history.state, "", address);
  }

  /* A shared address sets the filter; a value that the page does not offer is ignored. */
  function restore() {
    var params = new URLSearchParams(location.search);
    search.value = params.get("q") || "";
    Object.keys(selects).forEach(function (name) {
      var select = selects[name];
      var wanted = params.get(name);
      if (select && wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });
  }

  function update() {
    var query = words(search.value);
    var shown = { current: 0, other: 0 };
    var total = { current: 0, other: 0 };
    records.forEach(function (record) {
      var list = record.getAttribute("data-list");
      var show = matches(record, query, value(region), value(setting));
      record.hidden = !show;
      contents(record.querySelector("h3") ? record.querySelector("h3").id : "", show);
      total[list] += 1;
      if (show) {
        shown[list] += 1;
      }
    });
    Object.keys(shown).forEach(function (list) {
      var empty = document.querySelector('[data-empty="' + list + '"]');
      if (empty) {
        empty.hidden = shown[list] > 0 || total[list] === 0;
      }
    });
    count.textContent =
      "Showing " + plural(shown.current, "current Centre", "current Centres") +
      " and " + plural(shown.other, "other service", "other services") +
      " (of " + (total.current + total.other) + " in the directory).";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  function changed() {
    update();
    remember();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  restore();
  form.hidden = false;
  update();
})();

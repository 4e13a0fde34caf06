/* Centres directory: filter by region and setting, and search the text, all in the page.
   Nothing is fetched: every record is already in the HTML, which also serves readers without
   JavaScript (the filter form stays hidden for them and every record is shown). */
(function () {
  "use strict";
  var form = document.getElementById("centre-filters");
  if (!form) {
    return;
  }
  var search = document.getElementById("centre-search");
  var region = document.getElementById("centre-region");
  var setting = document.getElementById("centre-setting");
  var count = document.getElementById("centre-count");
  var records = Array.prototype.slice.call(document.querySelectorAll(".ips-centre"));

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function update() {
    var query = words(search.value);
    var shown = { current: 0, other: 0 };
    var total = { current: 0, other: 0 };
    records.forEach(function (record) {
      var list = record.getAttribute("data-list");
      var show = matches(record, query, region.value, setting.value);
      record.hidden = !show;
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
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.hidden = false;
  update();
})();

/* Material for MkDocs' content scripts, moved out of inline <script> elements so the site's
   Content-Security-Policy can forbid inline scripts. Same behaviour as Material's
   partials/javascripts/content.html. */
(function () {
  "use strict";
  /* content.tabs.link: select again the tabs the reader chose on other pages. */
  if (document.currentScript.hasAttribute("data-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = Array.prototype.slice.call(
          set.querySelector(".tabbed-labels").getElementsByTagName("label")
        );
        /* The earliest remembered tab that this set has wins, as in Material. */
        tabs.some(function (tab) {
          var label = labels.find(function (l) {
            return l.innerText.trim() === tab;
          });
          if (label) {
            document.getElementById(label.htmlFor).checked = true;
          }
          return Boolean(label);
        });
      });
    }
  }
  /* A URL fragment naming a content tab's radio button selects that tab. */
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.indexOf("__tabbed_") === 0;
  }
})();

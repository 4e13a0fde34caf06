// Every page registers the site's service worker (sw.js at the site root, made by
// overrides/hooks/assessment_runtime.py), so that one visit to any page keeps every guidance
// page for offline use. The Python runtime is kept only once the self-assessment or a tool is
// opened (see scorer-client.js). A classic script: nothing inline, as the CSP requires.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  var script = document.currentScript;
  if (!script) return;
  // This file is assets/site/offline.js: the site root is two folders up.
  var url = new URL("../../sw.js", script.src).href;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url).catch(function () {
      // Offline use is a convenience; the site works without it.
    });
  });
})();

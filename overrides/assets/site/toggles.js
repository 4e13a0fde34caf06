/* Material's drawer and search toggles are checkboxes. Material marks them autocomplete="off"
   so a browser does not restore them (an open menu or search) when you come back to a page;
   that attribute is invalid HTML on a checkbox, so the build removes it and this script,
   which runs before Material's bundle, closes both instead. */
(function () {
  "use strict";
  function reset(notify) {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) {
        toggle.checked = false;
        if (notify) {
          toggle.dispatchEvent(new Event("change"));
        }
      }
    });
  }
  reset(false);
  /* A page restored from the back/forward cache keeps its state: close and tell Material. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      reset(true);
    }
  });
})();

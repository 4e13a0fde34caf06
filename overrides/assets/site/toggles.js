/* Material's drawer and search toggles are checkboxes. Material marks them autocomplete="off"
   so a browser does not restore them (an open menu or search) when you come back to a page;
   that attribute is invalid HTML on a checkbox, so the build removes it and this script,
   which runs before Material's bundle, closes both instead. It also gives the header's menu
   and search icons a keyboard and a name (below). */
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

  /* Material's menu and search buttons in the header are <label>s for those checkboxes, with
     only an icon inside: a pointer can use them, but a keyboard never reaches them and a screen
     reader has no name to give. Each becomes a real button, named, that works its checkbox as
     the label did (a click on the checkbox, which Material itself does too). Without this
     script the labels stay, as before. */
  function asButton(label, name, kind, focusWhenOpen) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " ips-header-toggle ips-header-toggle--" + kind;
    while (label.firstChild) {
      button.appendChild(label.firstChild);
    }
    var text = document.createElement("span");
    text.className = "ips-visually-hidden";
    text.textContent = name;
    button.appendChild(text);
    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    sync();
    button.addEventListener("click", function () {
      toggle.click();
      var target = toggle.checked && focusWhenOpen && document.querySelector(focusWhenOpen);
      if (target) {
        target.focus(); /* as the label's click did: straight into the search box */
      }
    });
    toggle.addEventListener("change", sync);
    label.replaceWith(button);
  }
  var header = document.querySelector(".md-header");
  if (header) {
    var menu = header.querySelector("label.md-header__button[for='__drawer']");
    var search = header.querySelector("label.md-header__button[for='__search']");
    if (menu) {
      asButton(menu, "Menu", "menu", null);
    }
    if (search) {
      asButton(search, "Search", "search", ".md-search__input");
    }
  }
  /* A page restored from the back/forward cache keeps its state: close and tell Material. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      reset(true);
    }
  });
})();

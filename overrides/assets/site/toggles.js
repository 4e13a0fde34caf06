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
      if (toggle.checked) {
        focusWhenOpen();
      }
    });
    toggle.addEventListener("change", sync);
    label.replaceWith(button);
    return { button: button, toggle: toggle };
  }

  /* The search box, as the search label's click did. */
  function focusSearch() {
    var box = document.querySelector(".md-search__input");
    if (box) {
      box.focus();
    }
  }

  /* The open menu covers its own button, so the keyboard's focus moves into the menu: to the
     first link a person can see there once it has slid in (links of the level it covers come
     first in the page's order, but cannot be seen). */
  function focusMenu() {
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (!sidebar) {
      return;
    }
    var started = Date.now();
    function seen(element) {
      var box = element.getBoundingClientRect();
      if (box.width === 0 || box.left < 0 || box.right > window.innerWidth) {
        return false;
      }
      /* Its own left edge: Material lays a section's expander over the row's right part. */
      var hit = document.elementFromPoint(box.left + 2, box.top + box.height / 2);
      return hit !== null && (hit === element || element.contains(hit));
    }
    function attempt() {
      /* Until it has slid in whole, what is in view is its right-hand side, not its start. */
      var candidates = sidebar.getBoundingClientRect().left < 0 ? [] : sidebar.querySelectorAll("a[href], [tabindex='0']");
      for (var i = 0; i < candidates.length; i++) {
        if (seen(candidates[i])) {
          candidates[i].focus();
          return;
        }
      }
      if (Date.now() - started < 1000) {
        window.requestAnimationFrame(attempt); /* still sliding in */
      }
    }
    window.requestAnimationFrame(attempt);
  }
  var header = document.querySelector(".md-header");
  if (header) {
    var menu = header.querySelector("label.md-header__button[for='__drawer']");
    var search = header.querySelector("label.md-header__button[for='__search']");
    if (search) {
      asButton(search, "Search", "search", focusSearch);
    }
    var drawer = menu && asButton(menu, "Menu", "menu", focusMenu);
    if (drawer) {
      /* Escape closes the open menu and goes back to its button (Material closes its search
         with Escape, not its menu). */
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && drawer.toggle.checked) {
          drawer.toggle.click();
          drawer.button.focus();
        }
      });
    }
  }
  /* A page restored from the back/forward cache keeps its state: close and tell Material. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      reset(true);
    }
  });
})();

// One item at a time on a phone (SPEC v3, "Phones"; GOV.UK "Task list" and "One thing per
// page"). The address decides the view: no fragment (or #ipsa-itemnav) is the task list,
// `#<item id>` (or any field inside an item) that item alone, #ipsa-results the results. Every
// move is a real link, so the browser's Back works. The stylesheet applies the views only up to
// 600 px wide; wider screens keep the whole form, and the same addresses scroll to the item.
// Either way, moving to an item moves focus to its heading (or to the field a link named).

import { $, page } from "./dom.js";

const PHONE = window.matchMedia("(max-width: 600px)");
let current = null; // the item shown last, so the task list can return focus to its link

function target() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

function itemTitle(section) {
  return section.querySelector("h2").textContent.replace(/^\s*Item \d+:\s*/, `${section.dataset.number}. `).trim();
}

function setPager(section) {
  const index = section ? page.sections.indexOf(section) : -1;
  for (const [id, step] of [["ipsa-pager-prev", -1], ["ipsa-pager-next", 1]]) {
    const link = $(id);
    const other = index >= 0 ? page.sections[index + step] : null;
    link.hidden = !other;
    if (!other) continue;
    link.href = `#${other.id}`;
    $(`${id}-title`).textContent = itemTitle(other);
  }
}

/** Show the view the address asks for; `moved`: the person just followed a link or went back. */
function route(moved) {
  const element = target();
  const section = element && page.form.contains(element) ? element.closest("section.ipsa-item") : null;
  const results = element && $("ipsa-results").contains(element);
  const view = section ? "item" : results ? "results" : "list";
  page.root.dataset.view = view;
  for (const each of page.sections) each.classList.toggle("is-current", each === section);
  setPager(section);
  if (!moved) {
    if (section) current = section;
    return;
  }
  const phone = PHONE.matches;
  if (view === "item") {
    const calc = element.closest("[data-calc]");
    if (calc) calc.open = true;
    const heading = section.querySelector("h2");
    const focus = element === section ? heading : element;
    // On a phone the item starts the page; a wide screen has already scrolled to it.
    if (phone) window.scrollTo(0, 0);
    focus.focus({ preventScroll: focus === heading });
    current = section;
  } else if (view === "results") {
    if (phone) window.scrollTo(0, 0);
    $("ipsa-results").focus({ preventScroll: !phone });
  } else if (phone && current) {
    // Back to the task list: at the item the person has just left.
    const link = [...$("ipsa-itemnav").querySelectorAll("li[data-item]")].find((li) => li.dataset.item === current.dataset.item);
    link?.querySelector("a").focus();
  }
}

export function bindViews() {
  window.addEventListener("hashchange", () => route(true));
  route(false);
  // Opened at an item (a link from a guidance page): that item, with focus on its heading, once
  // the page has loaded (the browser's own move to the address comes first, and would undo it).
  if (!target()) return;
  const focusItem = () => setTimeout(() => route(true));
  if (document.readyState === "complete") focusItem();
  else window.addEventListener("load", focusItem, { once: true });
}

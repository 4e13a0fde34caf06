// Figures and ratings agree (SPEC v3, "Calculators and ratings agree"). When an item's figures
// give a score, its rating shows that level: selected, and marked "from your figures". A level
// the person chose themselves is kept (it is saved, and it comes back when the figures are
// cleared), and the page says in plain words which one counts. The score itself always comes
// from the scorer's result; this module only shows it.

import { $ } from "./dom.js";

const radiosOf = (section) => [...section.querySelectorAll("input[type=radio][name^='score-']")];
const ratingOf = (section) => section.querySelector("fieldset.ipsa-rating");
const LEVEL = /^[1-5]$/;

/** The person's own rating for the item (never the level shown from the figures), or null. */
export function readRating(section) {
  const set = ratingOf(section);
  if (set.dataset.figures) return LEVEL.test(set.dataset.own || "") ? Number(set.dataset.own) : null;
  const checked = radiosOf(section).find((radio) => radio.checked);
  return checked && LEVEL.test(checked.value) ? Number(checked.value) : null;
}

/** The person's own rating, as a draft or an opened file gives it ("" for none). */
export function setOwnRating(section, score) {
  const set = ratingOf(section);
  set.dataset.own = LEVEL.test(score) ? score : "";
  delete set.dataset.figures;
  delete set.dataset.tried;
  show(section);
}

/** The person picked a level (or "Not rated yet") themselves. */
export function ratingPicked(radio) {
  const section = radio.closest("section.ipsa-item");
  const set = ratingOf(section);
  set.dataset.own = LEVEL.test(radio.value) ? radio.value : "";
  if (set.dataset.figures) set.dataset.tried = "true";
  show(section);
}

/** What the figures give now, from the scorer's result: "4", or "" when they give nothing. */
export function showFigures(section, score) {
  const set = ratingOf(section);
  const given = LEVEL.test(score) ? score : "";
  if (given && set.dataset.own === undefined) {
    // Answered before the script bound, with no draft: the checked level is the person's own.
    const checked = radiosOf(section).find((radio) => radio.checked);
    set.dataset.own = checked && LEVEL.test(checked.value) ? checked.value : "";
  }
  if ((set.dataset.figures || "") === given && set.dataset.shown === "true") return;
  if (given) set.dataset.figures = given;
  else {
    delete set.dataset.figures;
    delete set.dataset.tried;
  }
  show(section);
}

/** "Your figures give 4, not the 5 you chose. ..." for an item whose figures and rating differ. */
export function disagreement(figures, own) {
  const first = own && own !== figures ? `Your figures give ${figures}, not the ${own} you chose.` : `Your figures give ${figures}.`;
  return `${first} To choose a level yourself, clear the figures.`;
}

function show(section) {
  const set = ratingOf(section);
  set.dataset.shown = "true";
  const figures = set.dataset.figures || "";
  const own = set.dataset.own || "";
  const value = figures || own;
  for (const radio of radiosOf(section)) {
    radio.checked = radio.value === value;
    const label = radio.labels[0];
    const marked = label.querySelector(".ipsa-from-figures");
    if (figures && radio.value === figures) {
      if (!marked) {
        const mark = document.createElement("span");
        mark.className = "ipsa-from-figures";
        mark.textContent = "from your figures";
        label.append(" ", mark);
      }
    } else if (marked) {
      marked.previousSibling?.remove();
      marked.remove();
    }
  }
  const note = $(`score-${section.dataset.item}-agree`);
  const text = figures && ((own && own !== figures) || set.dataset.tried) ? disagreement(figures, own) : "";
  if (note.textContent !== text) note.textContent = text;
  note.hidden = !text;
}

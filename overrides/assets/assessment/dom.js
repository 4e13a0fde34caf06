// The page's elements, found once the document is parsed, and the small helpers every module of
// the self-assessment uses to reach them. No module builds a selector from stored or typed text:
// items are found through these Maps.

export const $ = (id) => document.getElementById(id);

/** The page's parts; filled in by bindPage() once the document has been parsed. */
export const page = {
  root: null,
  form: null,
  sections: [],
  sectionById: new Map(),
  sectionByNumber: new Map(),
};

export function bindPage() {
  page.root = $("ipsa");
  page.form = $("ipsa-form");
  page.sections = [...page.form.querySelectorAll("section.ipsa-item")];
  page.sectionById = new Map(page.sections.map((s) => [s.dataset.item, s]));
  page.sectionByNumber = new Map(page.sections.map((s) => [s.dataset.number, s]));
}

/** The item's section for an id or number (as the scorer and the files name items), or null. */
export function findSection(key) {
  if (key === null || key === undefined) return null;
  return page.sectionById.get(String(key)) || page.sectionByNumber.get(String(key)) || null;
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Say something in the draft panel's status line (a live region). */
export function say(text) {
  const status = $("ipsa-tools-status");
  status.textContent = "";
  // A fresh text node so screen readers announce a repeated message again.
  requestAnimationFrame(() => {
    status.textContent = text;
  });
}

// The box that tells a person how far the scorer has got while it loads, on every page that
// starts it (the self-assessment, the team and progress pages, the planning tools). Each page
// gives its own words; the box, its bar and its states work the same everywhere. The page's
// elements are found by its prefix: `<prefix>-loading` (the box, whose label names it),
// `<prefix>-progress` (the bar) and `<prefix>-progress-text` (the words under it).
//
// The box keeps its size from the first step to "ready", so nothing on the page moves when the
// scorer arrives (the bar is simply full then).

const byId = (id) => document.getElementById(id);

/** The loading box of the page whose elements start with `prefix`. */
export function loadingBox(prefix) {
  const box = () => byId(`${prefix}-loading`);
  const bar = () => byId(`${prefix}-progress`);
  const words = () => byId(`${prefix}-progress-text`);
  return {
    /** Whether the page has the box yet (it may still be being parsed). */
    shown: () => Boolean(bar()),
    /** Step `step` of `steps`, in `text` (once `shown()`). */
    step(step, steps, text) {
      bar().max = steps;
      bar().value = step;
      words().textContent = text;
    },
    /** Ready: the label says so (`label`), the bar is full and `text` says what it means. */
    ready(label, text) {
      box().classList.add("is-ready");
      box().querySelector("label").textContent = label;
      bar().value = bar().max;
      words().textContent = text;
    },
    /** Could not load: the label says so (`label`), the bar goes (it no longer measures
     * anything; the box keeps its size) and `text` says what to do. */
    failed(label, text) {
      box().classList.add("is-failed");
      box().querySelector("label").textContent = label;
      words().textContent = text;
    },
  };
}

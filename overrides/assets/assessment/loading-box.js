// The box that tells a person how far the scorer has got while it loads, on every page that
// starts it (the self-assessment, the team and progress pages, the planning tools). Each page
// gives its own words; the box, its bar and its states work the same everywhere. The page's
// elements are found by its prefix: `<prefix>-loading` (the box, whose label names it),
// `<prefix>-progress` (the bar) and `<prefix>-progress-text` (the words under it).
//
// The box keeps its size from the first step to "ready", so nothing on the page moves when the
// scorer arrives (the bar is simply full then).
//
// The scorer starts while the page is still arriving, so a step may come before the box is
// there: the box keeps the latest one and shows it once the page is parsed. A step that comes
// after "ready" or "failed" (a late message) changes nothing.

const byId = (id) => document.getElementById(id);

/** The loading box of the page whose elements start with `prefix`. */
export function loadingBox(prefix) {
  const box = () => byId(`${prefix}-loading`);
  const bar = () => byId(`${prefix}-progress`);
  const words = () => byId(`${prefix}-progress-text`);
  let latest = null; // { step, steps, text }, until it is shown
  let settled = false; // ready or failed
  const showLatest = () => {
    if (!latest || settled || !bar()) return;
    bar().max = latest.steps;
    bar().value = latest.step;
    words().textContent = latest.text;
    latest = null;
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showLatest, { once: true });
  }
  return {
    /** Step `step` of `steps`, in `text`: now, or once the page has the box. */
    step(step, steps, text) {
      latest = { step, steps, text };
      showLatest();
    },
    /** Ready: the label says so (`label`), the bar is full and `text` says what it means. */
    ready(label, text) {
      settled = true;
      box().classList.add("is-ready");
      box().querySelector("label").textContent = label;
      bar().value = bar().max;
      words().textContent = text;
    },
    /** Could not load: the label says so (`label`), the bar goes (it no longer measures
     * anything; the box keeps its size) and `text` says what to do. */
    failed(label, text) {
      settled = true;
      box().classList.add("is-failed");
      box().querySelector("label").textContent = label;
      words().textContent = text;
    },
  };
}

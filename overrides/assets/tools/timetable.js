// The timetable checker's page: each review day's interviews in, every break rule broken and
// every stakeholder group not yet interviewed out (scorer.planning.timetable). The timetable can
// be saved as a file and opened again.

import { download } from "../assessment/files.js";
import {
  $,
  bindForm,
  definitionList,
  el,
  fieldByName,
  plural,
  readChosenFile,
  run,
  setActionStatus,
  setSummary,
  showAnswer,
  showNothing,
  tool,
} from "./common.js";
import { addRow, bindRows, readRows, rowField } from "./rows.js";

const describe = {
  prefix: "tt",
  name: (number) => `Interview ${number}`,
  label: (number, field) =>
    new Map([
      ["who", `Interview ${number}: who`],
      ["start", `Interview ${number}: starts`],
      ["end", `Interview ${number}: ends`],
    ]).get(field) ?? `Interview ${number}`,
};

/** The findings as headings, lists and one definition list per day. */
function findings(check) {
  const output = [];
  output.push(el("h3", { text: check.breaches.length ? "Rules broken" : "Break rules" }));
  if (check.breaches.length) {
    output.push(el("ul", { class: "tools-findings" }, check.breaches.map((b) => el("li", { text: b.message }))));
  } else {
    output.push(el("p", { class: "tools-ok", text: "The timetable keeps every break rule." }));
  }
  output.push(el("h3", { text: "Day by day" }));
  for (const day of check.days) {
    const name = `Day ${day.day}${day.date_text ? ` (${day.date_text})` : ""}`;
    if (!day.interviews) {
      output.push(definitionList([[name, "No interviews yet."]]));
      continue;
    }
    const gap = (g) => (g ? `${g.start} to ${g.end} (${g.minutes} minutes)` : "none");
    output.push(
      definitionList([
        [name, `${plural(day.interviews, "interview")}, from ${day.starts} to ${day.ends}`],
        ["Lunch", gap(day.lunch)],
        ["Longest break in the morning", gap(day.morning_break)],
        ["Longest break in the afternoon", gap(day.afternoon_break)],
      ]),
    );
  }
  output.push(el("h3", { text: "Stakeholder groups" }));
  output.push(
    el(
      "ul",
      { class: "tools-groups" },
      check.groups.map((group) =>
        el("li", {
          class: group.interviews ? "is-covered" : "is-missing",
          text: group.interviews
            ? `${group.label}: ${plural(group.interviews, "interview")}`
            : `${group.label}: not interviewed yet`,
        }),
      ),
    ),
  );
  return output;
}

// The most interviews one day may list: scorer/planning/timetable.py's MAX_INTERVIEWS_PER_DAY,
// the same for the command line (a test keeps the two equal).
export const MAX_INTERVIEWS_PER_DAY = 60;

export function timetableChecker(form) {
  const bodies = [...form.querySelectorAll("tbody[data-rows]")];
  let sent = [];

  function request() {
    sent = [];
    const days = bodies.map((body, index) => {
      const { entries, rows } = readRows(body);
      sent.push(rows);
      const day = { interviews: entries };
      const date = form.querySelector(`[data-day-date="${index}"]`).value;
      if (date) day.date = date;
      return day;
    });
    return { days };
  }

  function locate(field) {
    const row = /^days\[(\d+)\]\.interviews\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (row) return rowField(sent[Number(row[1])] && sent[Number(row[1])][Number(row[2])], row[3]);
    return fieldByName(form, field);
  }

  function markRows(check) {
    for (const row of form.querySelectorAll("tr.has-breach")) {
      row.classList.remove("has-breach");
      row.querySelector(".tools-row-flag")?.remove();
    }
    for (const breach of check.breaches) {
      if (!breach.day) continue;
      for (const number of breach.interviews) {
        const row = sent[breach.day - 1][number - 1];
        if (row && !row.classList.contains("has-breach")) {
          row.classList.add("has-breach");
          row.querySelector(".tools-row-name").append(el("span", { class: "tools-row-flag", text: " (breaks a rule)" }));
        }
      }
    }
  }

  function render(check) {
    markRows(check);
    $("tool-output").replaceChildren(...findings(check));
    const broken = check.breaches.length;
    const missing = check.not_covered.length;
    setSummary(
      check.ok
        ? "The timetable keeps every rule, and every stakeholder group is interviewed."
        : [
            broken ? `${plural(broken, "rule")} broken` : "no rule broken",
            missing ? `${plural(missing, "stakeholder group")} not interviewed yet` : "every group interviewed",
          ].join("; ") + ".",
    );
  }

  async function update(current, { submitted = false } = {}) {
    const data = request();
    if (!submitted && data.days.every((day) => !day.interviews.length && !day.date)) {
      showNothing("Add the interviews of each day to check them.");
      return false;
    }
    const check = await tool("timetable_json", JSON.stringify(data));
    if (!current()) return false;
    return showAnswer(check, locate, render);
  }

  /** Fills the form from a saved timetable; null, or why it was refused (nothing changed). */
  function load(data) {
    if (!data || !Array.isArray(data.days) || data.days.length > bodies.length) return null;
    // Checked before a single row is built: thousands of rows would freeze the page.
    const longest = Math.max(0, ...data.days.map((day) => (Array.isArray(day?.interviews) ? day.interviews.length : 0)));
    if (longest > MAX_INTERVIEWS_PER_DAY) {
      return (
        `one day in it lists ${longest.toLocaleString("en-GB")} interviews; the checker takes at most ` +
        `${MAX_INTERVIEWS_PER_DAY} for one day, more than a review day has room for.`
      );
    }
    bodies.forEach((body, index) => {
      const day = data.days[index] || {};
      body.replaceChildren();
      form.querySelector(`[data-day-date="${index}"]`).value = typeof day.date === "string" ? day.date : "";
      const interviews = Array.isArray(day.interviews) ? day.interviews : [];
      for (const entry of interviews) addRow(body, describe, entry && typeof entry === "object" ? entry : {});
      if (!interviews.length) addRow(body, describe);
    });
    return "";
  }

  for (const body of bodies) addRow(body, describe);
  bindRows(form, describe, () => run(update));
  bindForm(form, update);
  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-action=save]")) return;
    download("review-timetable.json", "application/json", `${JSON.stringify(request(), null, 2)}\n`);
    setActionStatus("The timetable has been saved to your downloads as review-timetable.json.");
  });
  $("tt-open").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    const error = $("tt-open-error");
    error.hidden = true;
    if (!file) return;
    const refuse = (text) => {
      error.textContent = text;
      error.hidden = false;
    };
    const text = await readChosenFile(file, refuse);
    if (text === null) return;
    let refused = null;
    try {
      refused = load(JSON.parse(text));
    } catch {
      refused = null;
    }
    if (refused === null) {
      refuse(`${file.name} could not be opened: it is not a timetable saved from this page.`);
    } else if (refused) {
      refuse(`${file.name} was not opened: ${refused}`);
    } else {
      setActionStatus(`Opened ${file.name}.`);
      run(update, { focus: true });
    }
  });
  return update;
}

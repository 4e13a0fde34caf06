// The planning tool pages: binds to the form written at build time, hands what was entered to
// the Python scorer (scorer.planning.api, under Pyodide, in the self-assessment's worker) and shows
// the JSON it returns.
//
// This script applies no rule and works out no date, figure or score: every answer, message and
// rule in words comes from Python, and every limit from scale/ (planning.json, scale.json).
// Nothing entered is stored or sent anywhere; the only files are those the user saves.

import { download, localISODate } from "../assessment/files.js";
import { fetchText, siteURL, startScorer } from "../assessment/scorer-client.js";

const config = document.querySelector('meta[name="ips-tools"]').dataset;
const $ = (id) => document.getElementById(id);
const controlledAtLoad = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);

// --- the calculator, in a worker -----------------------------------------------------------

const worker = startScorer({
  urls: config,
  onProgress: (message) => showProgress(message),
  what: "the calculator",
});
let scale = null;
worker.scale.then(
  (parsedScale) => {
    scale = parsedScale;
  },
  () => {}, // the failure reaches the page through worker.ready
);
const planning = fetchText(config.planning, "the planning rules");
planning.catch(() => {});

// Ready once the scorer is loaded and the planning tools are configured from planning.json.
const ready = worker.ready
  .then(() => planning)
  .then((text) => worker.call("call", ["configure", text]))
  .then((answer) => {
    const parsed = JSON.parse(answer);
    if (parsed.errors) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  });
ready.catch(() => {});

/** One of scorer.planning.api's functions, by name: the parsed JSON answer. */
const tool = (name, ...args) =>
  ready.then(() => worker.call("call", [name, ...args])).then((answer) => JSON.parse(answer));

// --- progress ------------------------------------------------------------------------------

let lastProgress = null;

function showProgress(message) {
  lastProgress = message;
  const bar = $("tool-progress");
  if (!bar || $("tool").dataset.state !== "loading") return;
  bar.max = message.steps;
  bar.value = message.step;
  $("tool-progress-text").textContent =
    `${message.label} (step ${message.step} of ${message.steps}). You can keep filling in the form.`;
}

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

const root = $("tool");
const form = $("tool-form");
if (lastProgress) showProgress(lastProgress);

// --- small helpers ---------------------------------------------------------------------------

/** An element with a class, text and children: all text goes in as text, never as markup. */
function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

function toNumber(text) {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : trimmed;
}

function setSummary(text) {
  const summary = $("tool-summary");
  if (summary.textContent !== text) summary.textContent = text;
}

function setActionStatus(text) {
  const status = $("tool-action-status");
  if (status) status.textContent = text;
}

function definitionList(rows) {
  const list = el("dl", { class: "tools-facts" });
  for (const [term, ...details] of rows) {
    list.append(el("dt", { text: term }));
    for (const detail of details) if (detail) list.append(el("dd", { text: detail }));
  }
  return list;
}

function itemTitle(id) {
  const item = scale && scale.items.find((entry) => entry.id === id);
  return item ? item.title : id;
}

// --- errors --------------------------------------------------------------------------------

let errorFields = [];

function clearErrors() {
  for (const field of errorFields) {
    const message = field.querySelector(".tools-error");
    if (message) {
      message.textContent = "";
      message.hidden = true;
    }
    for (const input of field.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  }
  errorFields = [];
  const box = $("tool-errors");
  box.replaceChildren();
  box.hidden = true;
}

/**
 * Shows the scorer's errors: beside each field found by `locate(field)` (an element holding the
 * input, and optionally a .tools-error paragraph), and as a list of links at the results.
 */
function showErrors(errors, locate) {
  clearErrors();
  const list = el("ul");
  for (const error of errors) {
    const place = (error.field && locate(error.field)) || null;
    const input = place && (place.matches("input, select") ? place : place.querySelector("input, select"));
    const holder = place && (place.matches("input, select") ? place.closest("td, .tools-field") : place);
    if (input) input.setAttribute("aria-invalid", "true");
    const message = holder && holder.querySelector(".tools-error");
    if (message) {
      message.textContent = message.textContent ? `${message.textContent} ${error.message}` : error.message;
      message.hidden = false;
    }
    if (holder) errorFields.push(holder);
    const text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    if (input && input.id) {
      list.append(el("li", {}, [el("a", { text, attrs: { href: `#${input.id}` } })]));
    } else {
      list.append(el("li", { text }));
    }
  }
  const box = $("tool-errors");
  box.append(el("h3", { text: "Please check these entries" }), list);
  box.hidden = false;
  setSummary(`Nothing can be worked out yet: ${errors.length} ${errors.length === 1 ? "entry needs" : "entries need"} checking.`);
  $("tool-output").replaceChildren();
  const actions = $("tool-actions");
  if (actions) actions.hidden = true;
}

function fieldByName(name) {
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
}

// --- running a tool --------------------------------------------------------------------------

let generation = 0;

/** Ask the scorer, then show the answer, unless a newer request has been made meanwhile. */
async function run(work, { focus = false } = {}) {
  const mine = ++generation;
  try {
    const shown = await work(() => mine === generation);
    if (focus && shown !== false && mine === generation) $("tool-results-title").focus();
  } catch (error) {
    if (mine !== generation) return;
    setSummary(`The calculator could not give an answer: ${error.message}`);
  }
}

function bindForm(update) {
  let timer = null;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(update), 150);
  };
  form.addEventListener("change", later);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run((current) => update(current, { submitted: true }), { focus: true });
  });
  form.addEventListener("keydown", (event) => {
    // Enter in a text field submits the form; in a table row it must not remove or add rows.
    if (event.key === "Enter" && event.target.matches("input:not([type=file])")) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action=print]");
    if (button) window.print();
  });
}

// --- rows of a table (timetable interviews, review history) -----------------------------------

function rowTemplate() {
  return document.querySelector("template").content.firstElementChild;
}

function renumber(body, describe) {
  [...body.rows].forEach((row, index) => {
    const number = index + 1;
    row.querySelector(".tools-row-name").textContent = describe.name(number);
    for (const label of row.querySelectorAll("[data-label]")) {
      const field = label.dataset.label;
      const id = `${describe.prefix}-${body.dataset.rows}-${number}-${field}`;
      const input = row.querySelector(`[data-input="${field}"]`);
      input.id = id;
      label.htmlFor = id;
      label.textContent = describe.label(number, field);
      const error = row.querySelector(`[data-error="${field}"]`);
      if (error) {
        error.id = `${id}-error`;
        input.setAttribute("aria-describedby", error.id);
      }
    }
    const remove = row.querySelector("[data-action=remove-row]");
    remove.replaceChildren(
      document.createTextNode("Remove"),
      el("span", { class: "ips-visually-hidden", text: ` ${describe.name(number).toLowerCase()}` }),
    );
  });
}

function addRow(body, describe, values = {}) {
  const row = rowTemplate().cloneNode(true);
  for (const input of row.querySelectorAll("[data-input]")) {
    const value = values[input.dataset.input];
    if (value !== undefined && value !== null) input.value = String(value);
  }
  body.append(row);
  renumber(body, describe);
  return row;
}

function bindRows(describe, onChange) {
  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-action=add-row]");
    if (add) {
      const body = form.querySelector(`tbody[data-rows="${add.dataset.day}"]`);
      const row = addRow(body, describe);
      row.querySelector("[data-input]").focus();
      onChange();
      return;
    }
    const remove = event.target.closest("[data-action=remove-row]");
    if (remove) {
      const row = remove.closest("tr");
      const body = row.parentElement;
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(body, describe);
      const fieldset = body.closest("fieldset");
      (next ? next.querySelector("[data-input]") : fieldset.querySelector("[data-action=add-row]")).focus();
      onChange();
    }
  });
}

/** Rows with anything filled in, as objects, and which table row each came from. */
function readRows(body, convert = {}) {
  const entries = [];
  const rows = [];
  for (const row of body.rows) {
    const entry = {};
    let given = false;
    for (const input of row.querySelectorAll("[data-input]")) {
      const value = input.value.trim();
      if (!value) continue;
      given = true;
      const name = input.dataset.input;
      entry[name] = convert[name] ? convert[name](value) : value;
    }
    if (given) {
      entries.push(entry);
      rows.push(row);
    }
  }
  return { entries, rows };
}

// --- offline use --------------------------------------------------------------------------------

async function keepForOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register(siteURL(config.serviceWorker));
    if (controlledAtLoad) return; // this visit's files already went through the service worker
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
    // This first visit was loaded before the service worker took control: fetch the page and
    // its own files once more through it, so that they are there without a connection.
    const urls = new Set([location.href.split("#")[0], siteURL(config.planning)]);
    for (const node of document.querySelectorAll("link[rel=stylesheet][href], script[src]")) {
      urls.add(new URL(node.getAttribute(node.tagName === "LINK" ? "href" : "src"), document.baseURI).href);
    }
    for (const url of urls) {
      if (new URL(url).origin === location.origin) await fetch(url).catch(() => {});
    }
  } catch {
    // Offline use is a convenience; the page works without it.
  }
}

// --- the review planner ------------------------------------------------------------------------

function reviewPlanner() {
  const dateInputs = [...form.querySelectorAll("input[data-name]")];

  function request() {
    const data = {};
    const later = [];
    for (const input of dateInputs) {
      const value = input.value.trim();
      if (input.dataset.name === "later_days") later[Number(input.dataset.index)] = value;
      else if (value) data[input.dataset.name] = value;
    }
    // Further review days: all or none (the planner takes the next weekdays when none are given).
    if (later.some(Boolean)) data.later_days = later.map((value) => value || null).filter((v) => v !== null);
    return data;
  }

  function render(plan) {
    const output = [];
    if (plan.service) output.push(el("p", { class: "tools-print-title", text: `Service: ${plan.service}` }));
    let steps = 0;
    let dated = 0;
    for (const stage of plan.stages) {
      output.push(el("h3", { text: stage.label }));
      const list = el("ul", { class: "tools-checklist" });
      for (const step of stage.steps) {
        steps += 1;
        if (step.dated) dated += 1;
        list.append(
          el("li", { class: step.dated ? "tools-step is-dated" : "tools-step" }, [
            el("span", { class: "tools-box", attrs: { "aria-hidden": "true" } }),
            el("div", { class: "tools-step-body" }, [
              el("p", { class: "tools-step-who" }, [el("strong", { text: step.party_label })]),
              el("p", { text: step.text }),
              el("p", { class: "tools-step-when", text: step.timing }),
            ]),
          ]),
        );
      }
      output.push(list);
    }
    if (plan.warnings.length) {
      output.push(el("div", { class: "tools-warning" }, plan.warnings.map((w) => el("p", { text: w }))));
    }
    $("tool-output").replaceChildren(...output);
    $("tool-actions").hidden = false;
    setSummary(`The plan lists ${steps} tasks; ${dated} of them have a date.`);
  }

  async function update(current) {
    const data = request();
    if (!data.start && Object.keys(data).length === 0) {
      clearErrors();
      $("tool-output").replaceChildren();
      $("tool-actions").hidden = true;
      setSummary("Enter the first day of the review to see the plan.");
      return false;
    }
    const plan = await tool("review_plan_json", JSON.stringify(data));
    if (!current()) return false;
    if (plan.errors) {
      showErrors(plan.errors, (field) => fieldByName(field) || fieldByName(`${field}[0]`));
      return true;
    }
    clearErrors();
    render(plan);
    return true;
  }

  bindForm(update);
  document.addEventListener("click", async (event) => {
    if (!event.target.closest("[data-action=calendar]")) return;
    let answer;
    try {
      answer = await tool("review_plan_ics", JSON.stringify(request()), new Date().toISOString());
    } catch (error) {
      setActionStatus(`The calendar file could not be made: ${error.message}`);
      return;
    }
    if (answer.errors) {
      showErrors(answer.errors, fieldByName);
      return;
    }
    download(answer.name, "text/calendar;charset=utf-8", answer.text);
    setActionStatus(`The calendar file ${answer.name} has been saved to your downloads.`);
  });
  return update;
}

// --- the timetable checker ------------------------------------------------------------------------

function timetableChecker() {
  const bodies = [...form.querySelectorAll("tbody[data-rows]")];
  const describe = {
    prefix: "tt",
    name: (number) => `Interview ${number}`,
    label: (number, field) =>
      ({ who: `Interview ${number}: who`, start: `Interview ${number}: starts`, end: `Interview ${number}: ends` })[field],
  };
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
    if (row) {
      const element = sent[Number(row[1])] && sent[Number(row[1])][Number(row[2])];
      if (!element) return null;
      return row[3] ? element.querySelector(`[data-input="${row[3]}"]`) || element : element;
    }
    return fieldByName(field);
  }

  function render(check) {
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
    const output = [];
    output.push(el("h3", { text: check.breaches.length ? "Rules broken" : "Break rules" }));
    if (check.breaches.length) {
      output.push(el("ul", { class: "tools-findings" }, check.breaches.map((b) => el("li", { text: b.message }))));
    } else {
      output.push(el("p", { class: "tools-ok", text: "The timetable keeps every break rule." }));
    }
    output.push(el("h3", { text: "Day by day" }));
    for (const day of check.days) {
      const name = `Day ${day.day}${day.date ? ` (${day.date})` : ""}`;
      if (!day.interviews) {
        output.push(definitionList([[name, "No interviews yet."]]));
        continue;
      }
      const gap = (g) => (g ? `${g.start} to ${g.end} (${g.minutes} minutes)` : "none");
      output.push(
        definitionList([
          [name, `${day.interviews} interview${day.interviews === 1 ? "" : "s"}, from ${day.starts} to ${day.ends}`],
          ["Lunch", day.lunch ? gap(day.lunch) : day.lunch_needed ? "none" : "none needed on this day"],
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
              ? `${group.label}: ${group.interviews} interview${group.interviews === 1 ? "" : "s"}`
              : `${group.label}: not interviewed yet`,
          }),
        ),
      ),
    );
    $("tool-output").replaceChildren(...output);
    const broken = check.breaches.length;
    const missing = check.not_covered.length;
    setSummary(
      check.ok
        ? "The timetable keeps every rule, and every stakeholder group is interviewed."
        : [
            broken ? `${broken} rule${broken === 1 ? "" : "s"} broken` : "no rule broken",
            missing ? `${missing} stakeholder group${missing === 1 ? "" : "s"} not interviewed yet` : "every group interviewed",
          ].join("; ") + ".",
    );
  }

  async function update(current, { submitted = false } = {}) {
    const data = request();
    if (!submitted && data.days.every((day) => !day.interviews.length && !day.date)) {
      clearErrors();
      $("tool-output").replaceChildren();
      setSummary("Add the interviews of each day to check them.");
      return false;
    }
    const check = await tool("timetable_json", JSON.stringify(data));
    if (!current()) return false;
    if (check.errors) {
      showErrors(check.errors, locate);
      return true;
    }
    clearErrors();
    render(check);
    return true;
  }

  function load(data) {
    if (!data || !Array.isArray(data.days) || data.days.length > bodies.length) {
      throw new Error("this file is not a timetable saved from this page");
    }
    bodies.forEach((body, index) => {
      const day = data.days[index] || {};
      body.replaceChildren();
      form.querySelector(`[data-day-date="${index}"]`).value = typeof day.date === "string" ? day.date : "";
      const interviews = Array.isArray(day.interviews) ? day.interviews : [];
      for (const entry of interviews) addRow(body, describe, entry && typeof entry === "object" ? entry : {});
      if (!interviews.length) addRow(body, describe);
    });
  }

  for (const body of bodies) addRow(body, describe);
  bindRows(describe, () => run(update));
  bindForm(update);
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
    try {
      load(JSON.parse(await file.text()));
      setActionStatus(`Opened ${file.name}.`);
      run(update, { focus: true });
    } catch (problem) {
      error.textContent = `${file.name} could not be opened: ${problem.message}.`;
      error.hidden = false;
    }
  });
  return update;
}

// --- the workforce planner -----------------------------------------------------------------------

function workforcePlanner() {
  const inputs = [...form.querySelectorAll("input[data-name]")];

  function request() {
    const data = {};
    for (const input of inputs) {
      const value = input.value.trim();
      if (value) data[input.dataset.name] = toNumber(value);
    }
    return data;
  }

  function render(plan) {
    const output = [];
    output.push(el("h3", { text: "For the people you support" }));
    output.push(
      definitionList([
        ["People on the caseload at any one time", String(plan.active_caseload.people), plan.active_caseload.rule],
        [
          "Employment specialists",
          `${plan.specialists.posts} full-time post${plan.specialists.posts === 1 ? "" : "s"} (at least ${plan.specialists.fte} full-time equivalent)`,
          plan.specialists.rule,
        ],
        [
          "Team leaders",
          `${plan.team_leaders.posts} full-time post${plan.team_leaders.posts === 1 ? "" : "s"} (${plan.team_leaders.fte} full-time equivalent of supervision)`,
          plan.team_leaders.rule,
        ],
      ]),
    );
    const current = plan.current;
    if (current) {
      output.push(el("h3", { text: "Your staffing now" }));
      const item1 = current.item_1;
      const supervision = current.item_8_supervision;
      const role =
        supervision.met === null
          ? "Not checked: enter the team leaders' full-time equivalent."
          : supervision.met
            ? "In place."
            : "Not in place.";
      const rows = [
        [`Item ${item1.number}, ${itemTitle(item1.item)}`, `Would score ${item1.score}.`, item1.rule],
        [`Item ${supervision.number}, ${itemTitle(supervision.item)}: the supervision role`, role, supervision.met === null ? "" : supervision.rule],
      ];
      if (supervision.item_score_range) {
        const span = supervision.item_score_range;
        rows.push([
          `Item ${supervision.number} overall`,
          `Can score from ${span.min} to ${span.max}, depending on its other roles.`,
        ]);
      }
      const short = current.shortfall;
      rows.push([
        "Against the plan",
        short.specialists_fte
          ? `${short.specialists_fte} more full-time equivalent of specialists needed.`
          : "Enough specialist time.",
        short.team_leaders_fte === null
          ? ""
          : short.team_leaders_fte
            ? `${short.team_leaders_fte} more full-time equivalent of supervision needed.`
            : "Enough supervision time.",
      ]);
      output.push(definitionList(rows));
    }
    $("tool-output").replaceChildren(...output);
    $("tool-actions").hidden = false;
    setSummary(
      `You need ${plan.specialists.posts} employment specialist post${plan.specialists.posts === 1 ? "" : "s"} ` +
        `and ${plan.team_leaders.posts} team leader post${plan.team_leaders.posts === 1 ? "" : "s"}` +
        (current ? `; item ${current.item_1.number} would score ${current.item_1.score} now.` : "."),
    );
  }

  async function update(current, { submitted = false } = {}) {
    const data = request();
    const started = "people_per_year" in data && "months_on_caseload" in data;
    if (!submitted && !started) {
      clearErrors();
      $("tool-output").replaceChildren();
      $("tool-actions").hidden = true;
      setSummary("Enter the people to support and the average months on the caseload.");
      return false;
    }
    const plan = await tool("workforce_json", JSON.stringify(data));
    if (!current()) return false;
    if (plan.errors) {
      showErrors(plan.errors, fieldByName);
      return true;
    }
    clearErrors();
    render(plan);
    return true;
  }

  bindForm(update);
  return update;
}

// --- Centre status and readiness -------------------------------------------------------------------

function readinessChecker() {
  const inputs = [...form.querySelectorAll("input[data-name]")];
  const body = form.querySelector('tbody[data-rows="reviews"]');
  const describe = {
    prefix: "rd",
    name: (number) => `Review ${number}`,
    label: (number, field) => ({ date: `Review ${number}: date`, score: `Review ${number}: score` })[field],
  };
  let assessment = null;
  let sent = [];

  function request() {
    const data = {};
    for (const input of inputs) {
      const value = input.value.trim();
      if (value) data[input.dataset.name] = input.dataset.kind === "number" ? toNumber(value) : value;
    }
    if (assessment) data.self_assessment = assessment.data;
    const { entries, rows } = readRows(body, { score: toNumber });
    sent = rows;
    if (entries.length) data.reviews = entries;
    return data;
  }

  function locate(field) {
    const row = /^reviews\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (row) {
      const element = sent[Number(row[1])];
      if (!element) return fieldByName("self_assessment");
      return row[2] ? element.querySelector(`[data-input="${row[2]}"]`) || element : element;
    }
    if (field.startsWith("self_assessment.")) return fieldByName("self_assessment");
    return fieldByName(field);
  }

  function render(result) {
    const output = [];
    output.push(el("ul", { class: "tools-findings" }, result.summary.map((line) => el("li", { text: line }))));
    if (result.key_dates.length) {
      output.push(el("h3", { text: "Dates that matter" }));
      output.push(definitionList(result.key_dates.map((entry) => [entry.label, entry.text])));
    }
    output.push(el("p", { class: "tools-guidance", text: result.note }));
    $("tool-output").replaceChildren(...output);
    $("tool-actions").hidden = false;
    // The status line and the verdict, if there is one; the full list is just above the dates.
    const lines = result.summary;
    setSummary(result.ready === null ? lines[0] : `${lines[0]} ${lines[lines.length - 1]}`);
  }

  async function update(current) {
    const data = request();
    const result = await tool("readiness_json", JSON.stringify(data), localISODate(new Date()));
    if (!current()) return false;
    if (result.errors) {
      showErrors(result.errors, locate);
      return true;
    }
    clearErrors();
    render(result);
    return true;
  }

  const status = $("rd-assessment-status");
  const forget = form.querySelector("[data-action=forget-assessment]");
  $("rd-assessment").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    const error = $("rd-assessment-error");
    error.hidden = true;
    if (!file) return;
    try {
      assessment = { name: file.name, data: JSON.parse(await file.text()) };
      $("rd-total").value = "";
      status.textContent = `Using the self-assessment in ${file.name}.`;
      forget.hidden = false;
    } catch {
      assessment = null;
      error.textContent = `${file.name} is not a self-assessment saved from this site (it is not JSON).`;
      error.hidden = false;
    }
    run(update);
  });
  forget.addEventListener("click", () => {
    assessment = null;
    $("rd-assessment").value = "";
    status.textContent = "";
    forget.hidden = true;
    $("rd-assessment").focus();
    run(update);
  });
  bindRows(describe, () => run(update));
  bindForm(update);
  return update;
}

// --- start ------------------------------------------------------------------------------------------

const TOOLS = {
  "review-planner": reviewPlanner,
  timetable: timetableChecker,
  workforce: workforcePlanner,
  readiness: readinessChecker,
};

const update = TOOLS[config.tool]();
let offline = Promise.resolve();
ready.then(
  () => {
    root.dataset.state = "ready";
    $("tool-loading").classList.add("is-ready");
    $("tool-progress-text").textContent =
      "The calculator is ready. It works on this device, and nothing you enter leaves it.";
    run(update);
    offline = keepForOffline();
  },
  (error) => {
    root.dataset.state = "failed";
    $("tool-loading").classList.add("is-failed");
    $("tool-progress-text").textContent =
      `The calculator could not be loaded (${error.message}). Reload the page to try again.`;
  },
);

// For scripts and automated checks: `ready` resolves once the tool can answer, `offline()` once
// this page's files are kept for use without a connection (or that is not possible here).
window.ipsTools = Object.freeze({
  ready: ready.then(() => undefined),
  offline: () => ready.then(() => offline),
});

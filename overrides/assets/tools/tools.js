// The planning tool pages' one script: starts the tool the page names (its meta tag's
// data-tool) over the shared helpers of common.js. Each tool lives in its own module:
//
//   common.js          the scorer in its worker, fields, errors, results, offline use
//   rows.js            table rows a person adds and removes
//   review-planner.js  timetable.js  workforce.js  readiness.js   one per tool page
//
// No module applies a rule or works out a date, figure or score: the Python scorer
// (scorer.planning.api, under Pyodide) does, from scale/. Nothing entered is stored on a server
// or sent anywhere; the only files are those the person saves.

import { config, start } from "./common.js";
import { readinessChecker } from "./readiness.js";
import { reviewPlanner } from "./review-planner.js";
import { timetableChecker } from "./timetable.js";
import { workforcePlanner } from "./workforce.js";

const TOOLS = {
  "review-planner": reviewPlanner,
  timetable: timetableChecker,
  workforce: workforcePlanner,
  readiness: readinessChecker,
};

start(TOOLS[config.tool]);

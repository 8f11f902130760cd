"use strict";
/* find-help.js rules where a deliberate small change went unnoticed (issue 23,
   benchmarks/mutation.py): a period that closes when it opens is a whole day, the index's own
   UTC offset decides "open now", and the ends of a period are where they are said to be. */
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../overrides/assets/javascripts/find-help.js");

const WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONDAY = (hour, minute) => new Date(Date.UTC(2026, 0, 5, hour, minute || 0)); /* 2026-01-05 is a Monday */

test("a period that closes when it opens is a whole day: open at every hour, round the clock", () => {
  const hours = [{ days: WEEK, opens: "09:00", closes: "09:00" }];
  for (let hour = 0; hour < 24; hour++) {
    assert.equal(core.openNow(hours, MONDAY(hour, 30), 300), "yes", `at ${hour}:30 UTC`);
  }
  assert.equal(core.allDay(hours), "yes");
});

test("a period is open from its opening minute up to, not at, its closing minute", () => {
  const hours = [{ days: ["mon"], opens: "09:00", closes: "10:00" }];
  /* UTC+5: 09:00 in Kazakhstan is 04:00 UTC. */
  assert.equal(core.openNow(hours, MONDAY(3, 59), 300), "no");
  assert.equal(core.openNow(hours, MONDAY(4, 0), 300), "yes");
  assert.equal(core.openNow(hours, MONDAY(4, 59), 300), "yes");
  assert.equal(core.openNow(hours, MONDAY(5, 0), 300), "no");
  /* To the second: minutes of the offset are whole minutes (60 000 ms), not a little more. */
  assert.equal(core.openNow(hours, new Date(Date.UTC(2026, 0, 5, 3, 59, 59, 800)), 300), "no");
  assert.equal(core.allDay(hours), "no");
});

test("a night that runs past Saturday midnight is open early on Sunday", () => {
  const hours = [{ days: ["sat"], opens: "22:00", closes: "02:00" }];
  const sunday = new Date(Date.UTC(2026, 0, 10, 20, 30)); /* Sunday 01:30 at UTC+5 */
  assert.equal(core.openNow(hours, sunday, 300), "yes");
  assert.equal(core.openNow(hours, new Date(Date.UTC(2026, 0, 10, 21, 0)), 300), "no", "Sunday 02:00");
});

test("open now is read in the index's own UTC offset, not an assumed one", () => {
  const entry = {
    id: "office", kind: "centre", status: "active", region: "KZ-75", city: "almaty", services: ["legal"],
    age: [18, "none"], children: "no", boys: null, girls: null, pregnant: "yes", hiv: "yes", police: "no",
    fee: "free", hours: [{ days: ["mon"], opens: "09:00", closes: "10:00" }], phone_line: false,
  };
  const index = (offset) => ({ utc_offset_minutes: offset, needs: ["legal"], regions: {}, cities: {}, listings: [entry] });
  const now = MONDAY(4, 30); /* 09:30 at UTC+5, 10:30 at UTC+6, 04:30 at UTC */
  const state = core.parse("open=now", index(300));
  assert.equal(state.open, "now");
  assert.equal(core.evaluate(entry, state, now, index(300)).result, "yes");
  assert.equal(core.evaluate(entry, state, now, index(360)).result, "no");
  assert.equal(core.evaluate(entry, state, now, index(0)).result, "no");
  assert.equal(core.run(index(300), state, now).shown.length, 1);
  assert.deepEqual(core.run(index(360), state, now).reasons, { open: 1 });
  /* An index without an offset is read as Kazakhstan's, UTC+5, to the minute. */
  assert.equal(core.evaluate(entry, state, MONDAY(3, 59), {}).result, "no");
  assert.equal(core.evaluate(entry, state, MONDAY(4, 0), {}).result, "yes");
  assert.equal(core.evaluate(entry, state, MONDAY(4, 59), {}).result, "yes");
  assert.equal(core.evaluate(entry, state, MONDAY(5, 0), {}).result, "no");
});

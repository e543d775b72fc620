// UsageLog from JS (API v2 item 4, issue 10): a CSV export read once into the engine,
// whole or chunk by chunk, with the same events as parseUsageCsv and the same results as
// the events passed one by one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";

const { Calculator, UsageLog, parseUsageCsv } = await import(resolve(import.meta.dirname, "../../pkg/node/index.mjs"));

// Two months from Nov 15, every kind of row, names in several scripts, a quoted cell with
// a comma and a line break, CRLF line ends.
function exportText(rows = 400) {
  const lines = ["at,feature,messages,seconds,agent,channel,kind,count,gptSteps,tokens,mode,topUp"];
  const start = Date.parse("2026-11-15T00:00:00Z");
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * Math.floor((59 * 86_400_000) / rows)).toISOString().replace(".000Z", "Z");
    const mode = ["", "", "test", "preview"][i % 4];
    lines.push([
      `${at},conversation,${1 + (i % 30)},,Zoë 🚀,sms,,,,,${mode},`,
      `${at},voice,,${(i * 37) % 400}.5,"Ava, ""the"" voice\nagent",,,,,,${mode},`,
      `${at},content,,,,,${i % 2 ? "image" : "text"},${1 + (i % 3)},,,${mode},`,
      `${at},reviews,,,,,,2,,,,`,
      `${at},workflow,,,,,,,${1 + (i % 4)},${i % 3 ? 1500 : 800},${mode},`,
      `${at},,,,,,,,,,,${100 + i}`,
      `${at},conversation,,,日本語のエージェント,,,,,,,`,
    ][i % 7]);
  }
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

const text = exportText();
const bytes = new TextEncoder().encode(text);

function built(chunks) {
  const builder = UsageLog.builder();
  for (const chunk of chunks) builder.push(chunk);
  return builder.finish();
}

test("a log read whole, as text or bytes, holds parseUsageCsv's events", () => {
  const events = parseUsageCsv(text);
  for (const log of [UsageLog.fromCsv(text), UsageLog.fromCsv(bytes)]) {
    assert.equal(log.length, events.length);
    assert.deepEqual(log.events(), events);
    assert.equal(log.first, events[0].at);
    assert.equal(log.last, events.at(-1).at);
    assert.deepEqual(log.events(5, 8), events.slice(5, 8));
    log.free();
  }
});

test("chunks split inside rows, quoted cells and UTF-8 characters read the same log", () => {
  const events = parseUsageCsv(text);
  // Every split point inside the first multi-byte characters, and chunks of odd sizes.
  const emoji = bytes.indexOf(0xf0); // the first byte of 🚀
  for (const at of [1, 2, emoji + 1, emoji + 2, emoji + 3, bytes.indexOf(0x22) + 1]) {
    const log = built([bytes.subarray(0, at), bytes.subarray(at)]);
    assert.deepEqual(log.events(), events, `split at byte ${at}`);
    log.free();
  }
  for (const size of [1, 3, 7, 1000]) {
    const chunks = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    const log = built(chunks);
    assert.deepEqual(log.events(), events, `chunks of ${size}`);
    log.free();
  }
});

test("the builder counts rows as they are read; bad rows are said together at the end, other errors at once", () => {
  const encode = (text) => new TextEncoder().encode(text);
  const builder = UsageLog.builder();
  builder.push(encode("at,feature\n2026-11-02,reviews\n2026-11-03,rev"));
  assert.equal(builder.rows, 1);
  // A row with a bad value is noted and the reading goes on: the file's bad rows come together.
  builder.push(encode("iews\n2026-11-04T10:00:00,reviews\n2026-11-05,chat\n2026-11-06,reviews\n"));
  assert.equal(builder.rows, 3);
  const first = { code: "INVALID_INPUT", field: 'csv line 4, column 1 ("at")' };
  assert.throws(() => builder.finish(), (e) => {
    assert.equal(e.code, first.code);
    assert.equal(e.field, first.field);
    assert.match(e.reason, /needs a zone/);
    assert.match(e.message, /\(and 1 more problem\)$/);
    assert.equal(e.problemCount, 2);
    assert.deepEqual(e.problems.map((p) => [p.code, p.field]), [[first.code, first.field], ["INVALID_INPUT", 'csv line 5, column 2 ("feature")']]);
    assert.match(e.problems[1].reason, /^unknown variant "chat"/);
    return true;
  });
  // An error that stops the reading (a quote left open, a limit) is thrown by the push that
  // finds it, after the rows noted before it; the builder is then spent.
  const spent = UsageLog.builder();
  spent.push(encode("at,feature\n2026-11-04T10:00:00,reviews\n"));
  const stopped = (e) => e.field === first.field.replace("line 4", "line 2") && e.problemCount === 2
    && /^text after a closing quote/.test(e.problems[1].reason);
  assert.throws(() => spent.push(encode('2026-11-05,"reviews"x\n')), stopped);
  assert.throws(() => spent.push(new Uint8Array([10])), stopped);
  assert.throws(() => spent.finish(), stopped);
  // One problem alone has no list.
  assert.throws(() => UsageLog.fromCsv("at,feature\n2026-11-05,chat\n"), (e) => e.problems === undefined && e.problemCount === undefined);
  assert.throws(() => UsageLog.builder().push("text"), { code: "INVALID_INPUT", field: "chunk" });
});

test("simulate and backtest on a log give what the same events give", () => {
  const calc = new Calculator();
  const log = UsageLog.fromCsv(text);
  const events = parseUsageCsv(text);
  const scenario = { plan: "starter", start: "2026-11-15", cycles: 2, hardCap: true, featureLimits: { voice: { percent: 50 } } };
  const fromLog = calc.simulate(scenario, log);
  const fromEvents = calc.simulate({ ...scenario, events });
  assert.deepEqual(fromLog.cycles, fromEvents.cycles);
  assert.deepEqual(fromLog.log, { before: 0, inside: events.length, after: 0 });
  assert.deepEqual(calc.backtest(scenario, log), calc.backtest({ ...scenario, events }));
  // The log is still there after being simulated: a call takes a shared handle, not the log.
  assert.equal(log.length, events.length);
  assert.equal(fromLog.cycles[0].byAgent["Zoë 🚀"] > 0, true);
  log.free();
  assert.throws(() => calc.simulate(scenario, log), { code: "FREED", field: "log" });
  assert.throws(() => calc.simulate(scenario, { length: 3 }), { code: "INVALID_INPUT", field: "log" });
});

test("bad exports are Errors naming their line and column; nothing is replaced in silence", () => {
  const error = (data) => {
    try {
      UsageLog.fromCsv(data);
    } catch (e) {
      return [e.code, e.field, e.reason];
    }
    assert.fail("should have thrown");
  };
  assert.deepEqual(error("at,feature\n2026-02-30,reviews\n").slice(0, 2), ["INVALID_INPUT", 'csv line 2, column 1 ("at")']);
  assert.deepEqual(error('at,agent\n2026-11-02,"Ava"x\n').slice(0, 2), ["INVALID_INPUT", 'csv line 2, column 2 ("agent")']);
  assert.equal(error("at,feature\n2026-11-02,reviews\n\ud800")[1], "csv");
  assert.deepEqual(error(new Uint8Array([0x61, 0x74, 0x0a, 0xff, 0x0a])).slice(0, 3), ["INVALID_INPUT", 'csv line 2, column 1 ("at")', "is not valid UTF-8 text; save the export as UTF-8 and load it again"]);
  assert.deepEqual(error(42).slice(0, 2), ["INVALID_INPUT", "csv"]);
  assert.equal(error("")[2], "is empty: expected a header row and one row per event");
  assert.throws(() => new UsageLog(), TypeError);
});

test("a log lost with a trapped engine says so", () => {
  const log = UsageLog.fromCsv("at,feature\n2026-11-02,reviews\n");
  const calc = new Calculator();
  assert.throws(() => calc.__testTrap(), { code: "TRAPPED" });
  assert.throws(() => log.length, { code: "LOST", field: "log" });
  assert.throws(() => calc.simulate({ plan: "pro", start: "2026-11-01" }, log), { code: "LOST" });
  log.free(); // safe
  assert.equal(UsageLog.fromCsv("at,feature\n2026-11-02,reviews\n").length, 1);
});

test("R7: seconds and tokens are read from their digits, exact to the millionth and rounded up past it, the same in a log, parseUsageCsv and a JSON event", () => {
  const csv = "at,feature,seconds,gptSteps,tokens\n"
    + "2026-11-02T09:00:00Z,voice,60.00000000000000001,,\n"
    + "2026-11-02T09:01:00Z,voice,61.1234567,,\n"
    + "2026-11-02T09:02:00Z,workflow,,1,1000.0000001\n";
  const events = parseUsageCsv(csv);
  assert.deepEqual(events.map((e) => e.seconds ?? e.tokens), [60.000001, 61.123457, 1000.000001]);
  const log = UsageLog.fromCsv(csv);
  assert.deepEqual(log.events().map((e) => e.seconds ?? e.tokens), [60.000001, 61.123457, 1000.000001]);
  const calc = new Calculator();
  const fromLog = calc.simulate({ plan: "starter", start: "2026-11-01" }, log).cycles[0];
  // A hair over a minute bills two; a hair over 1,000 tokens is a long step (R7, R10).
  assert.equal(fromLog.byFeature.voice, (2 + 2) * 4);
  assert.equal(fromLog.byFeature.workflow, 2);
  const fromEvents = calc.simulate({ plan: "starter", start: "2026-11-01", events }).cycles[0];
  assert.deepEqual(fromEvents.byFeature, fromLog.byFeature);
  log.free();
});

test("columns a customer added are left out by name when asked, never in silence (R23)", () => {
  const text = "id,at,feature,Notes\n7,2026-11-02T09:00:00Z,reviews,called back\n";
  assert.throws(() => UsageLog.fromCsv(text), (e) => e.problemCount === 2 && e.problems.every((p) => /^unknown column/.test(p.reason)));
  const log = UsageLog.fromCsv(text, { ignoreColumns: ["id", "notes"] });
  assert.equal(log.length, 1);
  log.free();
  const builder = UsageLog.builder({ ignoreColumns: ["id", "Notes"] });
  builder.push(new TextEncoder().encode(text));
  const built = builder.finish();
  assert.equal(built.length, 1);
  built.free();
  // Every unknown column at once, whatever its name, when the reader chose so.
  const odd = 'at,"My ""quoted"" note",feature,👩‍👩‍👧\n2026-11-02,x,reviews,y\n';
  assert.throws(() => UsageLog.fromCsv(odd), (e) => e.problemCount === 2);
  assert.equal(UsageLog.fromCsv(odd, { ignoreUnknownColumns: true }).length, 1);
  // The options are read as strictly as any input.
  assert.throws(() => UsageLog.builder({ ignoreColumns: ["feature"] }), { code: "INVALID_INPUT", field: "options.ignoreColumns[0]" });
  assert.throws(() => UsageLog.fromCsv(text, { ignoreColumn: ["id"] }), { code: "INVALID_INPUT" });
  assert.throws(() => UsageLog.fromCsv(text, null), { code: "INVALID_INPUT", field: "options" });
});

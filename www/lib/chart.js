// Small SVG charts: labelled axes, reference lines (allocation, alerts), readable at
// 390 px and wide. Labels are set with textContent.
const NS = "http://www.w3.org/2000/svg";
const COLORS = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7a8a"];

const REF_COLORS = ["#24292f", "#bc4c00", "#8250df", "#0a7a8a", "#bf3989"];
// Past the colours, lines take a pattern too: no two of the first 42 series (30 reference lines) look alike.
const PATTERNS = ["none", "2 3", "10 4", "10 3 2 3", "1 6", "16 3"];
const DASHED_PATTERNS = ["7 5", "3 6", "12 4 3 4", "1 4", "5 2", "14 6 2 6"];
/** A dashed reference line's first dash is shorter than a dashed series' ("6 4"), so the two read apart. */
const REF_DASHED_PATTERNS = ["6 4", ...DASHED_PATTERNS.slice(1)];

/** Line `i`'s colour and dash pattern among `colors`: past the colours, a pattern tells it apart (a dashed line keeps a dash). */
function styleOf(i, colors, dashed, dashedPatterns) {
  const turn = Math.floor(i / colors.length) % PATTERNS.length;
  return { color: colors[i % colors.length], dash: (dashed ? dashedPatterns : PATTERNS)[turn] };
}
/** Series `k`'s colour and dash pattern (a dashed series, such as a forecast, keeps a dash). */
const seriesStyle = (k, dashed) => styleOf(k, COLORS, dashed, DASHED_PATTERNS);
/** Reference line `i`'s colour and dash pattern. */
const refStyle = (i, dashed) => styleOf(i, REF_COLORS, dashed, REF_DASHED_PATTERNS);

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

/**
 * The y axis for values up to `value`: a whole, round step (1, 2, 2.5 or 5 times a power of
 * ten, at least 1) and the fewest intervals of it, at most 5, that reach `value`: 5,880
 * credits end at 6,000 in steps of 2,000, not at 10,000 with half the chart empty.
 */
export function yTicks(value) {
  if (!Number.isFinite(value)) return { top: 1, step: 1, intervals: 1 }; // nothing to scale to
  for (let power = 1; ; power *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * power;
      if (!Number.isInteger(step)) continue;
      const intervals = Math.max(1, Math.ceil(value / step));
      if (intervals <= 5) return { top: intervals * step, step, intervals };
    }
  }
}

/**
 * Which of `count` x labels to show when `fit` fit side by side: the first, the last, and
 * every `step`-th between, `step` the smallest that fits and divides the days evenly, or
 * leaves the last gap at least 60 % of a step (31 days on a phone: 1, 16, 31, not 1, 12, 31).
 */
export function labelIndexes(count, fit) {
  const last = count - 1;
  if (last <= 0) return count === 1 ? [0] : [];
  let step = Math.max(1, Math.ceil(last / Math.max(1, fit - 1)));
  while (step < last && last % step !== 0 && last % step < 0.6 * step) step++;
  const shown = [];
  for (let i = 0; last - i >= 0.6 * step || i === 0; i += step) shown.push(i);
  return [...shown, last];
}

/**
 * A line chart. `series`: [{ name, values: (number|null)[], dashed?, step? }] over `labels`
 * (x; null is a gap); `lines`: [{ name, value, dashed }] horizontal reference lines;
 * `markers`: [{ index, label, detail }] vertical lines at a label with a tooltip, each a
 * keyboard stop unless `markerFocus` is false.
 */
export function lineChart({ title, labels, series, lines = [], markers = [], markerFocus = true, xLabel, yLabel, format = String, width = 720, height = 320 }) {
  const { top, step, intervals } = yTicks(Math.max(1, ...series.flatMap((s) => s.values.filter((v) => v != null)), ...lines.map((l) => l.value)) * 1.05);
  const tickValues = Array.from({ length: intervals + 1 }, (_, t) => t * step);
  // Room on the left for the longest tick ("1,000,000") beside the axis title, 7 px a character.
  const tickChars = Math.max(...tickValues.map((v) => String(format(v)).length));
  const left = Math.max(64, 30 + 7 * tickChars);
  // The legend: series, then reference lines, each entry a swatch and its name measured at
  // the legend's font, wrapping onto more rows; a name longer than a row is cut with "…"
  // (whole in a tooltip). Each row adds to the chart's height: the plot keeps its own.
  const entries = [...series.map((s, k) => ({ name: s.name, ...seriesStyle(k, s.dashed), kind: "series" })),
    ...lines.map((l, i) => ({ name: l.name, ...refStyle(i, l.dashed), kind: "ref" }))];
  const rowEnd = width - 16;
  let [lx, legendRows] = [left + 8, 1];
  for (const entry of entries) {
    entry.shown = fitted(entry.name, rowEnd - left - 8 - 26, { middle: true });
    const span = 26 + textWidth(entry.shown) + 12;
    if (lx + span > rowEnd && lx > left + 8) [lx, legendRows] = [left + 8, legendRows + 1];
    Object.assign(entry, { x: lx, y: 8 + 18 * (legendRows - 1) });
    lx += span;
  }
  height += 18 * (legendRows - 1);
  const pad = { left, right: 16, top: 14 + 18 * legendRows, bottom: 46 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const x = (i) => pad.left + (labels.length <= 1 ? w / 2 : (i * w) / (labels.length - 1));
  const y = (v) => pad.top + h - (v / top) * h;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart" });
  root.append(svg("title", {}, title));
  for (const v of tickValues) {
    root.append(svg("line", { x1: pad.left, x2: pad.left + w, y1: y(v), y2: y(v), class: "grid" }));
    root.append(svg("text", { x: pad.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, format(v)));
  }
  const shown = labelIndexes(labels.length, Math.max(2, Math.floor(w / 64))); // 64 px a label
  // The last label ends at the plot's edge: the one before it keeps a label's width away.
  if (shown.length > 2 && x(shown.at(-1)) - x(shown.at(-2)) < 64) shown.splice(-2, 1);
  for (const i of shown) {
    const last = labels.length - 1;
    // The first and the last label end at the plot's edges, never past the chart's.
    const anchor = labels.length > 1 && i === last ? "end" : labels.length > 1 && i === 0 ? "start" : "middle";
    root.append(svg("text", { x: x(i), y: pad.top + h + 16, "text-anchor": anchor, class: "tick" }, labels[i]));
  }
  root.append(svg("line", { x1: pad.left, x2: pad.left, y1: pad.top, y2: pad.top + h, class: "axis" }));
  root.append(svg("line", { x1: pad.left, x2: pad.left + w, y1: pad.top + h, y2: pad.top + h, class: "axis" }));
  root.append(svg("text", { x: pad.left + w / 2, y: height - 6, "text-anchor": "middle", class: "axis-label" }, xLabel));
  root.append(svg("text", { x: 14, y: pad.top + h / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${pad.top + h / 2})`, class: "axis-label" }, yLabel));
  lines.forEach((line, i) => {
    const { color, dash } = refStyle(i, line.dashed);
    root.append(svg("line", { x1: pad.left, x2: pad.left + w, y1: y(line.value), y2: y(line.value), class: "ref", stroke: color, "stroke-dasharray": dash }));
  });
  // Drawn last to first, so the first series (the one the chart is about) is on top.
  [...series.entries()].reverse().forEach(([k, s]) => {
    const { color, dash } = seriesStyle(k, s.dashed);
    // Runs of known values (null is a gap); a step series holds its value until the next day.
    let run = [];
    const flush = () => {
      if (run.length === 1) {
        // A run of one day draws no line: a dot shows it.
        const [cx, cy] = run[0].split(",");
        root.append(svg("circle", { cx, cy, r: 4, fill: color, class: "series point" }));
      } else if (run.length) {
        root.append(svg("polyline", { points: run.join(" "), fill: "none", stroke: color, "stroke-width": 2.5,
          class: s.dashed ? "series dashed" : "series", "stroke-dasharray": dash }));
      }
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v == null) return flush();
      // A step's value holds from the start of its day: it rises where the day begins, halfway
      // from the day before's tick to its own, never on the day before's tick.
      if (s.step && run.length) run.push(`${x(i - 0.5)},${y(s.values[i - 1])}`, `${x(i - 0.5)},${y(v)}`);
      run.push(`${x(i)},${y(v)}`);
      // A point to hover for its value (its title is the tooltip).
      const dot = svg("circle", { cx: x(i), cy: y(v), r: 5, fill: "transparent", class: "hover-point" });
      dot.append(svg("title", {}, `${s.name}, ${labels[i]}: ${format(v)}`));
      root.append(dot);
    });
    flush();
  });
  // Markers: a dashed vertical line at a day, a short label (staggered so none overlap)
  // and the full text as a tooltip; each can be reached by keyboard.
  // Each label goes on the first row where it clears the labels before it (by their width
  // at about 7 px a character), so close days never print over each other.
  const anchorOf = (m) => (x(m.index) > pad.left + w - 60 ? "end" : "start");
  const rowEnds = [];
  const rowOf = new Map();
  for (const m of [...markers].sort((a, b) => a.index - b.index)) {
    const width = 8 + String(m.label).length * 7;
    const start = anchorOf(m) === "end" ? x(m.index) - width : x(m.index);
    let row = rowEnds.findIndex((last) => last < start);
    // At most six rows (near the plot's top); past them a label shares the row that ends first.
    if (row < 0) row = rowEnds.length < 6 ? rowEnds.push(0) - 1 : rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = start + width;
    rowOf.set(m, row);
  }
  markers.forEach((m) => {
    // Each marker a stop for the keyboard, unless the page lists their words beside the chart instead (`markerFocus: false`).
    const group = svg("g", markerFocus ? { class: "marker", tabindex: 0, role: "img", "aria-label": m.detail } : { class: "marker" });
    group.append(svg("title", {}, m.detail));
    group.append(svg("line", { x1: x(m.index), x2: x(m.index), y1: pad.top, y2: pad.top + h, stroke: m.color ?? "#bc4c00", "stroke-width": 1.5, "stroke-dasharray": "3 3" }));
    const anchor = anchorOf(m);
    group.append(svg("text", { x: x(m.index) + (anchor === "end" ? -4 : 4), y: pad.top + 12 + rowOf.get(m) * 13, "text-anchor": anchor, class: "marker-label" }, m.label));
    root.append(group);
  });
  const legend = svg("g", { class: "legend" });
  for (const { x: ex, y: ey, color, dash, kind, name, shown } of entries) {
    // A solid series is a square; a dashed or patterned line shows its pattern.
    if (kind === "series" && dash === "none") legend.append(svg("rect", { x: ex, y: ey, width: 12, height: 12, fill: color }));
    // (22 px of line: long enough to show a pattern's dashes and dots.)
    else legend.append(svg("line", { x1: ex, x2: ex + 22, y1: ey + 6, y2: ey + 6, stroke: color, "stroke-width": kind === "series" ? 2.5 : 2, "stroke-dasharray": dash, class: kind === "ref" ? "ref" : "" }));
    const text = svg("text", { x: ex + 26, y: ey + 10 }, shown);
    if (shown !== name) text.append(svg("title", {}, name));
    legend.append(text);
  }
  root.append(legend);
  return root;
}

let measure = null;
/** `text`'s width in px at the charts' tick and legend font (12 px). */
function textWidth(text) {
  measure ??= Object.assign(document.createElement("canvas").getContext("2d"), { font: "12px system-ui, -apple-system, \"Segoe UI\", sans-serif" });
  return measure.measureText(text).width;
}

/**
 * `text` cut to whole characters and "…" so that at the charts' tick font it is at most
 * `room` px wide: its start kept, or with `middle` its start and end (names alike at the
 * start stay apart: "Enterprise Ul…Bundle 4").
 */
function fitted(text, room, { middle = false } = {}) {
  const chars = Array.from(text);
  if (textWidth(text) <= room) return text;
  const cut = (keep) => (middle ? `${chars.slice(0, Math.ceil(keep / 2)).join("")}…${chars.slice(chars.length - Math.floor(keep / 2)).join("")}`
    : `${chars.slice(0, keep).join("")}…`);
  let keep = chars.length;
  while (keep > 1 && textWidth(cut(keep)) > room) keep -= 1;
  return cut(keep);
}

/** A horizontal bar chart: [{ name, value, label }]. */
export function barChart({ title, bars, width = 480 }) {
  const labelWidth = 120;
  // A name longer than the room beside its bar (an agent's "Front desk – Dr. Patel") goes on
  // a line of its own above the bar, whole as far as the chart's width allows: a phone has
  // no tooltip to read it in.
  const above = bars.some((b) => fitted(b.name, labelWidth - 10) !== b.name);
  const rowHeight = above ? 44 : 28;
  const barLeft = above ? 0 : labelWidth;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const top = Math.max(1, ...bars.map((b) => b.value));
  // Room after the longest bar for the longest figure (about 7 px a character): a large
  // figure is never cut ("8,000,000,00" reads as another number).
  const valueRoom = 12 + 7 * Math.max(6, ...bars.map((b) => String(b.label).length));
  // An image's words are hidden from screen readers: its name carries every bar's.
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart bars",
    "aria-label": `${title}: ${bars.map((b) => `${b.name}, ${b.label}`).join("; ")}` });
  root.append(svg("title", {}, title));
  bars.forEach((b, i) => {
    const y = 4 + i * rowHeight + (above ? 16 : 0); // the bar's row, under its name when above
    const w = ((width - barLeft - valueRoom) * b.value) / top;
    // A name too long even for the chart's width keeps its start ("Enterprise sup…", whole
    // characters), measured (wide letters take more room), and is whole in its tooltip.
    const name = above ? fitted(b.name, width - 4) : fitted(b.name, labelWidth - 10);
    const label = svg("g", {});
    label.append(svg("title", {}, b.name), above
      ? svg("text", { x: 0, y: y, class: "tick" }, name)
      : svg("text", { x: labelWidth - 6, y: y + 17, "text-anchor": "end", class: "tick" }, name));
    root.append(label);
    root.append(svg("rect", { x: barLeft, y: y + 4, width: Math.max(1, w), height: rowHeight - (above ? 26 : 10), fill: COLORS[i % COLORS.length] }));
    root.append(svg("text", { x: barLeft + w + 6, y: y + 17, class: "tick" }, b.label));
  });
  return root;
}

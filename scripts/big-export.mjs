// A large usage export for the benchmark and the dashboard's page test: `rows` rows over
// two billing cycles from Nov 15 (billing day 15), every feature, agents and channels,
// some test and preview traffic and a few top-ups; seeded, so the same every time.
// About 50 bytes a row: 1,000,000 rows are about 50 MB.

export const HEADER = "at,feature,messages,seconds,agent,channel,kind,count,gptSteps,tokens,mode,topUp";
const START = Date.parse("2026-11-15T00:00:00Z");
const SPAN = Date.parse("2027-01-15T00:00:00Z") - START;
const AGENTS = ["Ava", "Ben", "Cleo", "Zoë"];
const CHANNELS = ["sms", "web chat", "facebook", "instagram"];

/** The export's text: a header and `rows` rows in time order. */
export function bigExport(rows) {
  let seed = 20261115;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const at = new Date(START + Math.floor((i * SPAN) / rows)).toISOString().replace(".000Z", "Z");
    const mode = ["", "", "", "", "", "", "", "", "test", "preview"][random(10)];
    const agent = AGENTS[random(4)];
    const kind = random(100);
    lines.push(
      kind < 55 ? `${at},conversation,${1 + random(3)},,${agent},${CHANNELS[random(4)]},,,,,${mode},`
        : kind < 70 ? `${at},voice,,${random(600)},${agent},,,,,,${mode},`
          : kind < 80 ? `${at},content,,,,,${random(4) ? "text" : "image"},1,,,${mode},`
            : kind < 90 ? `${at},reviews,,,,,,1,,,${mode},`
              : kind < 99 || i % 1000 ? `${at},workflow,,,,,,,${1 + random(3)},${200 + random(1600)},${mode},`
                : `${at},,,,,,,,,,,${500 + random(1000)}`,
    );
  }
  return lines.join("\n") + "\n";
}

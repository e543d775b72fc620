// The input half of the binding (src/wasm/convert.rs): JS values to JSON text for the
// core's strict reader. The replacer keeps what JSON would lose (NaN, Infinity, a BigInt,
// a function, a lone surrogate, a Map or a class instance), marked so the reader names it
// at its own field. An ES module in both builds: the node build require()s it (Node 20.19+),
// and scripts/build.sh marks its snippets/ folder "type": "module" for that.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (text) => (typeof text.isWellFormed === "function" ? text.isWellFormed() : !LONE_SURROGATE.test(text));
function keep(key, value) {
  switch (typeof value) {
    // "\u0000" is crate::json::NON_JSON_MARK: the reader names what JSON would have lost.
    case "number": return Number.isFinite(value) ? value : "\u0000" + value;
    case "bigint": return "\u0000BigInt " + value;
    case "function": return "\u0000a function";
    case "symbol": return "\u0000a symbol";
    case "string": return wellFormed(value) ? value : "\u0000a string with a lone UTF-16 surrogate";
    case "object": {
      // An invalid Date has become null through its toJSON: name it, not "null".
      if (value === null) return this[key] instanceof Date ? "\u0000an invalid Date" : null;
      if (Array.isArray(value)) return value;
      // Only plain objects (of any realm) and arrays are shapes: JSON would read a Map or a
      // class instance as {}. A boxed number, string or boolean is its value.
      const proto = Object.getPrototypeOf(value);
      if (proto === null || Object.getPrototypeOf(proto) === null) return value;
      if (value instanceof Number || value instanceof String || value instanceof Boolean) return keep.call(this, key, value.valueOf());
      if (value instanceof Map) return "\u0000a Map";
      if (value instanceof Set) return "\u0000a Set";
      return "\u0000an instance of " + (value.constructor?.name || "a class");
    }
    default: return value;
  }
}
export function to_json_text(value) { return JSON.stringify(value, keep); }
export function is_well_formed(text) { return wellFormed(text); }

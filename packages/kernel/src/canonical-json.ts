/**
 * JSON with object keys sorted by code unit at every level, so that equal values always give equal bytes.
 * Arrays keep their order (it carries meaning: rows, columns, the statistics' order).
 */
export const canonicalJson = (value: unknown, indent = 0): string => {
  const out: string[] = [];
  write(value, indent, 0, out);
  return out.join("");
};

const write = (value: unknown, indent: number, depth: number, out: string[]): void => {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value))
      throw new TypeError(`not a finite number: ${value}`);
    if (
      value === undefined ||
      typeof value === "function" ||
      typeof value === "symbol" ||
      typeof value === "bigint"
    ) {
      throw new TypeError(`not JSON: ${typeof value}`);
    }
    out.push(JSON.stringify(value));
    return;
  }
  const pad = indent > 0 ? `\n${" ".repeat(indent * (depth + 1))}` : "";
  const end = indent > 0 ? `\n${" ".repeat(indent * depth)}` : "";
  const sep = indent > 0 ? ": " : ":";
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push("[]");
      return;
    }
    out.push("[");
    value.forEach((item, i) => {
      if (i > 0) out.push(",");
      out.push(pad);
      write(item, indent, depth + 1, out);
    });
    out.push(end, "]");
    return;
  }
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  out.push("{");
  keys.forEach((key, i) => {
    if (i > 0) out.push(",");
    out.push(pad, JSON.stringify(key), sep);
    write((value as Record<string, unknown>)[key], indent, depth + 1, out);
  });
  out.push(end, "}");
};

import { readFileSync } from "node:fs";

interface PackageJson {
  readonly name: string;
  readonly version: string;
}

/** The library's name and version as its package.json states them (reports carry them as provenance). */
export const LIBRARY: PackageJson = (() => {
  const json = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as PackageJson;
  return { name: json.name, version: json.version };
})();

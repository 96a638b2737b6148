import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Writes a file, creating its directory; the path is printed back to the user as given. */
export const writeOutput = async (path: string, content: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content, "utf8");
};

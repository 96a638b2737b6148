import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Writes a file, creating its directory; the path is printed back to the user as given. Reports (raw ones hold
 * small counts) and exports are created for their owner only: 0600 files, new directories 0700.
 */
export const writeOutput = async (path: string, content: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, content, { encoding: "utf8", mode: 0o600 });
};

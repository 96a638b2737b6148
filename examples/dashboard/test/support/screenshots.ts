import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/**
 * Where the dashboard's tests save their screenshots: the committed ones in `docs/img` are refreshed on request
 * (`UPDATE_SCREENSHOT=1`, or `pnpm --filter @insieme/example-dashboard screenshots`); otherwise a run writes them
 * under `.tmp/img`, so tests never change tracked files.
 */
export const screenshotPath = async (name: string): Promise<string> => {
  const dir = fileURLToPath(
    new URL(
      process.env.UPDATE_SCREENSHOT === "1" ? "../../../../docs/img/" : "../../../../.tmp/img/",
      import.meta.url,
    ),
  );
  await mkdir(dir, { recursive: true });
  return `${dir}${name}`;
};

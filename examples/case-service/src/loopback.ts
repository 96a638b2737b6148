import { isIP } from "node:net";

/**
 * Whether `host` names only this machine (127.0.0.0/8, ::1, localhost): the only addresses the service listens on
 * without authentication configured. `0.0.0.0`, `::` and every other address are reachable from elsewhere.
 */
export const isLoopbackHost = (host: string): boolean => {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || /^::ffff:127\./.test(h);
  return false;
};

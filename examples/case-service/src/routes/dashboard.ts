import type { FastifyInstance } from "fastify";
import { dashboardFiles, readDashboardFile } from "../dashboard-files.js";
import { sendHttpError } from "../http-errors.js";

/**
 * `GET /dashboard/...`: the dashboard's page and chart.js, from a fixed list of files; `GET /favicon.ico` (what a
 * browser asks for on a page that names no icon, the JSON report say) is the dashboard's icon.
 */
export const registerDashboardRoutes = (app: FastifyInstance, dashboardDir: string): void => {
  const files = dashboardFiles(dashboardDir);
  app.get("/dashboard", (_request, reply) => reply.redirect("/dashboard/"));
  app.get("/favicon.ico", (_request, reply) => reply.redirect("/dashboard/favicon.svg", 301));
  app.get("/dashboard/*", async (request, reply) => {
    const name = (request.params as { "*": string })["*"];
    const file = files.get(name);
    if (file === undefined) {
      return sendHttpError(reply, { status: 404, body: { error: "not-found", message: `no file ${name}` } });
    }
    return reply
      .type(file.contentType)
      .header("cache-control", "no-cache")
      .send(await readDashboardFile(file));
  });
};

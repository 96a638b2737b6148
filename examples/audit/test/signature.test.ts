import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCli } from "@insieme/cli";
import { ILLUSTRATIVE_CONFIGURATION } from "@insieme/domain";
import { type Report, reportSchema } from "@insieme/statistics";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditJournal, describeAudit } from "../src/audit.js";
import { readSignatureEvidence } from "../src/signature-evidence.js";
import { publish, record, type Workspace, workspace } from "./support.js";

/** Attacker's tests of report signatures: a tampered report, a forged signature, another key. */

const keyPair = async (dir: string, name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const secret = join(dir, `${name}.pem`);
  const pub = join(dir, `${name}.pub.pem`);
  await writeFile(secret, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  await writeFile(pub, publicKey.export({ type: "spki", format: "pem" }));
  return { secret, pub };
};

const runReport = async (args: readonly string[]) => {
  let stderr = "";
  const code = await runCli(["report", "--config", "illustrative", "--format", "json", ...args], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stderr };
};

describe("signed reports, checked by the audit", () => {
  let ws: Workspace;
  let signer: { secret: string; pub: string };
  let stranger: { secret: string; pub: string };
  let published: string;
  let text: string;
  let report: Report;

  const audit = async (reportText: string, signatureText: string, publicKey: string) => {
    const sig = join(ws.dir, "check.sig");
    await writeFile(sig, signatureText);
    const evidence = await readSignatureEvidence(sig, publicKey);
    if (E.isLeft(evidence)) throw new Error(evidence.left.message);
    const parsed = reportSchema.parse(JSON.parse(reportText));
    return auditJournal(ws.journal, parsed, ILLUSTRATIVE_CONFIGURATION, {
      text: reportText,
      signature: evidence.right,
    });
  };

  beforeAll(async () => {
    ws = await workspace();
    await record(ws.journal, [1, 2, 3], [1, 2, 3, 4]);
    signer = await keyPair(ws.dir, "signer");
    stranger = await keyPair(ws.dir, "stranger");
    published = join(ws.dir, "published.json");
    report = reportSchema.parse(await publish(ws.journal, published, ["--signing-key", signer.secret]));
    text = await readFile(published, "utf8");
  });
  afterAll(() => ws.remove());

  it("signs the report's bytes and head hash; the audit verifies it and reproduces the report byte for byte", async () => {
    const signature = JSON.parse(await readFile(`${published}.sig`, "utf8"));
    expect(signature.format).toBe("insieme-report-signature/1");
    expect(signature.journalHash).toEqual(report.provenance.journalHash);
    const result = await audit(text, await readFile(`${published}.sig`, "utf8"), signer.pub);
    expect(describeAudit(result)).toMatch(/OK {4}signature: Ed25519 signature valid/);
    expect(describeAudit(result)).toMatch(/OK {4}bytes: the replay, written as/);
    expect(result.verdict).toBe("match");
  });

  it("refuses a report changed after signing, even by one byte that leaves its numbers alone", async () => {
    const sig = await readFile(`${published}.sig`, "utf8");
    const spaced = text.replace('"title": ', '"title":  ');
    const result = await audit(spaced, sig, signer.pub);
    expect(result.checks.find((c) => c.name === "signature")?.detail).toMatch(/not the ones signed/);
    expect(result.checks.find((c) => c.name === "bytes")?.ok).toBe(false);
    expect(result.verdict).toBe("mismatch");
  });

  it("refuses another key, a forged signature, and a signature re-made by someone else's key", async () => {
    const sig = await readFile(`${published}.sig`, "utf8");
    const wrongKey = await audit(text, sig, stranger.pub);
    expect(wrongKey.checks[0]).toMatchObject({ name: "signature", ok: false });
    expect(wrongKey.checks[0]?.detail).toMatch(/signed with another key/);

    // The signature file edited to cite another head hash: the Ed25519 signature no longer verifies.
    const forged = JSON.parse(sig);
    forged.journalHash = { ...forged.journalHash, value: "0".repeat(64) };
    const edited = await audit(text, JSON.stringify(forged), signer.pub);
    expect(edited.checks[0]?.detail).toMatch(/does not verify: the signature file was altered or forged/);

    // A signature whose bytes are flipped.
    const flipped = JSON.parse(sig);
    flipped.signature = `${flipped.signature[0] === "A" ? "B" : "A"}${flipped.signature.slice(1)}`;
    expect((await audit(text, JSON.stringify(flipped), signer.pub)).checks[0]?.ok).toBe(false);

    // A tampered report signed again with the stranger's key fails against the programme's public key.
    const tampered = join(ws.dir, "tampered.json");
    const resigned = await runReport([
      "--journal",
      ws.journal,
      "--raw",
      "--out",
      tampered,
      "--signing-key",
      stranger.secret,
    ]);
    expect(resigned.code, resigned.stderr).toBe(0);
    const strangers = await audit(
      await readFile(tampered, "utf8"),
      await readFile(`${tampered}.sig`, "utf8"),
      signer.pub,
    );
    expect(strangers.checks[0]?.detail).toMatch(/signed with another key/);
    expect(strangers.verdict).toBe("mismatch");
  });

  it("signs only with an owner-only Ed25519 private key, and only beside --out", async () => {
    const out = join(ws.dir, "r.json");
    const open = join(ws.dir, "open.pem");
    await writeFile(open, await readFile(signer.secret), { mode: 0o644 });
    const readable = await runReport(["--journal", ws.journal, "--out", out, "--signing-key", open]);
    expect(readable.code).toBe(1);
    expect(readable.stderr).toMatch(/group or others may access the key file/);
    const rsa = join(ws.dir, "rsa.pem");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await writeFile(rsa, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    const wrongType = await runReport(["--journal", ws.journal, "--out", out, "--signing-key", rsa]);
    expect(wrongType.stderr).toMatch(/signed with an Ed25519 key, not rsa/);
    const publicOnly = await runReport(["--journal", ws.journal, "--out", out, "--signing-key", signer.pub]);
    expect(publicOnly.code).toBe(1);
    const noOut = await runReport(["--journal", ws.journal, "--signing-key", signer.secret]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--signing-key needs --out/);
  });
});

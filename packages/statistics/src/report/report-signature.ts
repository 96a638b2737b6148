import { createHash, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { canonicalJson, formatZodError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import type { Provenance } from "./model.js";

/**
 * A report's detached Ed25519 signature (`node:crypto`): it signs the SHA-256 of the report's bytes (JSON, table
 * or HTML, exactly as written) together with the head hash and last position the report cites, so a verifier
 * knows both that the file is the one signed and which journal state it reports on. The report's bytes are left
 * as the replay produces them, so an auditor can also compare them byte for byte with a fresh replay.
 */
export const REPORT_SIGNATURE_FORMAT = "insieme-report-signature/1" as const;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hexadecimal digits");

const signedFields = {
  format: z.literal(REPORT_SIGNATURE_FORMAT),
  algorithm: z.literal("Ed25519"),
  /** SHA-256 of the report file's bytes. */
  reportSha256: hex64,
  /** The journal hash the report cites (`provenance.journalHash`): its head hash, or its replayed events' hash. */
  journalHash: z.strictObject({ kind: z.enum(["chain-head", "sha256-canonical-events"]), value: hex64 }),
  /** The report's last replayed position (`provenance.lastPosition`). */
  lastPosition: z.number().int().min(0).nullable(),
  /** SHA-256 of the signer's public key (SubjectPublicKeyInfo, DER): which key to verify with. */
  publicKeySha256: hex64,
};

export const reportSignatureSchema = z.strictObject({
  ...signedFields,
  /** Ed25519 signature (base64) of the canonical JSON of every other member. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, "an Ed25519 signature in base64 (88 characters)"),
});
export type ReportSignature = z.infer<typeof reportSignatureSchema>;

const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

/** SHA-256 of an Ed25519 public key's SubjectPublicKeyInfo (DER). */
export const publicKeySha256 = (key: KeyObject): string =>
  sha256(key.export({ type: "spki", format: "der" }) as Buffer);

const isEd25519 = (key: KeyObject): boolean => key.asymmetricKeyType === "ed25519";

/** Signs a report's bytes with an Ed25519 private key; `provenance` is the report's (what it cites). */
export const signReport = (
  bytes: Uint8Array | string,
  provenance: Pick<Provenance, "journalHash" | "lastPosition">,
  privateKey: KeyObject,
): ReportSignature => {
  if (privateKey.type !== "private" || !isEd25519(privateKey))
    throw new TypeError("a report is signed with an Ed25519 private key");
  const fields = {
    format: REPORT_SIGNATURE_FORMAT,
    algorithm: "Ed25519" as const,
    reportSha256: sha256(bytes),
    journalHash: { kind: provenance.journalHash.kind, value: provenance.journalHash.value },
    lastPosition: provenance.lastPosition,
    publicKeySha256: publicKeySha256(createPublicKey(privateKey)),
  };
  const signature = sign(null, Buffer.from(canonicalJson(fields), "utf8"), privateKey).toString("base64");
  return { ...fields, signature };
};

/** The signature file's text: canonical JSON, one line. */
export const reportSignatureText = (signature: ReportSignature): string => `${canonicalJson(signature)}\n`;

/**
 * Checks a detached signature against a report's bytes and an Ed25519 public key: the signature file's shape,
 * that it names this key, that the signature is valid for its members, and that the report's bytes are the ones
 * signed. Each refusal says which.
 */
export const verifyReportSignature = (
  bytes: Uint8Array | string,
  signatureJson: unknown,
  publicKey: KeyObject,
): Either<string, ReportSignature> => {
  if (publicKey.type !== "public" || !isEd25519(publicKey))
    return E.left("the verifying key is not an Ed25519 public key");
  const parsed = reportSignatureSchema.safeParse(signatureJson);
  if (!parsed.success) return E.left(`not a report signature: ${formatZodError(parsed.error)}`);
  const { signature, ...fields } = parsed.data;
  const keyHash = publicKeySha256(publicKey);
  if (fields.publicKeySha256 !== keyHash)
    return E.left(
      `signed with another key (public key sha256 ${fields.publicKeySha256}; this key is ${keyHash})`,
    );
  const valid = verify(
    null,
    Buffer.from(canonicalJson(fields), "utf8"),
    publicKey,
    Buffer.from(signature, "base64"),
  );
  if (!valid) return E.left("the signature does not verify: the signature file was altered or forged");
  const actual = sha256(bytes);
  if (actual !== fields.reportSha256)
    return E.left(
      `the report's bytes are not the ones signed (sha256 ${actual}; signed ${fields.reportSha256})`,
    );
  return E.right(parsed.data);
};

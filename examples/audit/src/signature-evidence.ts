import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";

/** A report's detached signature (`insieme report --signing-key`, `<out>.sig`) and the key to check it with. */
export interface SignatureEvidence {
  /** The signature file's JSON, checked by `verifyReportSignature`. */
  readonly json: unknown;
  /** The signer's Ed25519 public key, as the programme publishes it (PEM). */
  readonly publicKey: KeyObject;
}

/** The signature file or the public key could not be read: the audit cannot start. */
export interface UnreadableEvidence {
  readonly _tag: "UnreadableEvidence";
  readonly message: string;
}

const unreadable = <A>(path: string, message: string): Either<UnreadableEvidence, A> =>
  E.left({ _tag: "UnreadableEvidence", message: `${path}: ${message}` });

const readText = async (path: string): Promise<Either<UnreadableEvidence, string>> => {
  try {
    return E.right(await readFile(path, "utf8"));
  } catch (error) {
    return unreadable(
      path,
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error),
    );
  }
};

/** Reads a signature file (JSON) and a PEM public key, which must be Ed25519. */
export const readSignatureEvidence = async (
  signaturePath: string,
  publicKeyPath: string,
): Promise<Either<UnreadableEvidence, SignatureEvidence>> => {
  const signatureText = await readText(signaturePath);
  if (E.isLeft(signatureText)) return signatureText;
  let json: unknown;
  try {
    json = JSON.parse(signatureText.right);
  } catch {
    return unreadable(signaturePath, "not JSON");
  }
  const pem = await readText(publicKeyPath);
  if (E.isLeft(pem)) return pem;
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem.right);
  } catch {
    return unreadable(publicKeyPath, "not a PEM public key");
  }
  if (publicKey.asymmetricKeyType !== "ed25519")
    return unreadable(publicKeyPath, `an Ed25519 public key is needed, not ${publicKey.asymmetricKeyType}`);
  return E.right({ json, publicKey });
};

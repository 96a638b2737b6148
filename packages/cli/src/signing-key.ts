import { createPrivateKey, type KeyObject } from "node:crypto";
import { KeyFileError, readPrivateKeyFile } from "@insieme/domain";
import { CliError } from "./errors.js";

/**
 * The Ed25519 private key that signs reports (`--signing-key`): a PEM file only its owner may access, read with
 * the checks of every key file (`readPrivateKeyFile`: group- or other-accessible, foreign-owned or symlinked
 * files are refused). Anything else (no file, not PEM, another algorithm, a public key) is a CliError saying so.
 */
export const readSigningKey = async (path: string): Promise<KeyObject> => {
  let pem: string | null;
  try {
    pem = await readPrivateKeyFile(path);
  } catch (error) {
    if (error instanceof KeyFileError) throw new CliError(error.message);
    throw error;
  }
  if (pem === null) throw new CliError(`${path}: no such signing key file`);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new CliError(`${path}: not a PEM private key`);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new CliError(
      `${path}: a report is signed with an Ed25519 key, not ${key.asymmetricKeyType ?? "this key"}`,
    );
  return key;
};

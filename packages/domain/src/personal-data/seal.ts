import { createCipheriv, createDecipheriv } from "node:crypto";
import type { SealedData } from "../events/common.js";
import { secureRandomBytes } from "./random-pool.js";

/** AES-256-GCM with a fresh 96-bit IV; the person id is authenticated data, so a blob cannot move to another person. */
export const seal = (key: Uint8Array, personId: string, value: unknown): SealedData => {
  const iv = secureRandomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(personId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return {
    personId,
    alg: "AES-256-GCM",
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
};

/** The sealed value, or undefined when `key` is not the key it was sealed with (e.g. after erasure). */
export const unseal = (key: Uint8Array, sealed: SealedData): unknown => {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
    decipher.setAAD(Buffer.from(sealed.personId, "utf8"));
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, "base64")),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    return undefined;
  }
};

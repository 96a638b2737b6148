import { createPrivateKey } from "node:crypto";
import { CommandActor } from "@insieme/domain";
import { formatZodError } from "@insieme/kernel";
import { SignJWT } from "jose";
import { z } from "zod";

/** What a local token says: who (the domain's actor), for whom and for how long. */
export const DevTokenRequest = z.strictObject({
  actor: CommandActor,
  issuer: z.string().min(1).optional(),
  audience: z.string().min(1).optional(),
  /** Lifetime in seconds (at most a day: a local token is not a credential to keep). */
  ttlSeconds: z.number().int().min(1).max(86_400).default(3600),
});
export type DevTokenRequest = z.input<typeof DevTokenRequest>;

/**
 * Signs a token for local use with a PEM private key (Ed25519, P-256 or RSA), the way an identity provider
 * would: `sub` = actor id, `role`, `companyId` for a company, `iat`, `exp`, and `iss`/`aud` when given.
 */
export const signDevToken = async (privateKeyPem: string, request: DevTokenRequest): Promise<string> => {
  const parsed = DevTokenRequest.safeParse(request);
  if (!parsed.success) throw new Error(`invalid token request: ${formatZodError(parsed.error)}`);
  const { actor, issuer, audience, ttlSeconds } = parsed.data;
  const key = createPrivateKey({ key: privateKeyPem, format: "pem" });
  const type = key.asymmetricKeyType;
  const alg = type === "ed25519" ? "EdDSA" : type === "ec" ? "ES256" : type === "rsa" ? "RS256" : null;
  if (alg === null) throw new Error(`a ${type ?? "unknown"} key cannot sign: use Ed25519, P-256 or RSA`);
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({
    role: actor.role,
    ...(actor.companyId === undefined ? {} : { companyId: actor.companyId }),
  })
    .setProtectedHeader({ alg })
    .setSubject(actor.id)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds);
  if (issuer !== undefined) jwt = jwt.setIssuer(issuer);
  if (audience !== undefined) jwt = jwt.setAudience(audience);
  return jwt.sign(key);
};

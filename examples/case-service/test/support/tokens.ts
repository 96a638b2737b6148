import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { type Authenticator, loadAuthenticator } from "../../src/authenticator.js";

export type Algorithm = "EdDSA" | "ES256" | "RS256";

/** A key pair as an identity provider holds it: the private key signs, the public key's PEM file verifies. */
export interface Issuer {
  readonly algorithm: Algorithm;
  readonly publicKeyFile: string;
  sign(claims: Record<string, unknown>, options?: TokenOptions): Promise<string>;
}

export interface TokenOptions {
  readonly subject?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now (negative: already expired). Default 600. */
  readonly expiresIn?: number;
  readonly noExpiry?: boolean;
}

export const ISSUER = "https://id.example.test";
export const AUDIENCE = "insieme-case-service";

/** A fresh key pair; tokens carry the test issuer and audience unless told otherwise. */
export const newIssuer = async (algorithm: Algorithm = "EdDSA"): Promise<Issuer> => {
  const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
  const dir = await mkdtemp(join(tmpdir(), "insieme-auth-"));
  const publicKeyFile = join(dir, "auth-public.pem");
  await writeFile(publicKeyFile, await exportSPKI(publicKey));
  return {
    algorithm,
    publicKeyFile,
    sign: async (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      let jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: algorithm })
        .setIssuedAt(now)
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE);
      if (options.subject !== undefined) jwt = jwt.setSubject(options.subject);
      if (options.noExpiry !== true) jwt = jwt.setExpirationTime(now + (options.expiresIn ?? 600));
      return jwt.sign(privateKey);
    },
  };
};

/** The service's authenticator for `issuer`'s public key, expecting the test issuer and audience. */
export const authenticatorFor = (issuer: Issuer): Promise<Authenticator> =>
  loadAuthenticator({ publicKeyFile: issuer.publicKeyFile, issuer: ISSUER, audience: AUDIENCE });

/** `authorization` header for a token. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A token for an actor (`sub` = id, `role`, `companyId` for a company). */
export const tokenFor = (
  issuer: Issuer,
  actor: { readonly id: string; readonly role: string; readonly companyId?: string },
  options: TokenOptions = {},
): Promise<string> =>
  issuer.sign(
    { role: actor.role, ...(actor.companyId === undefined ? {} : { companyId: actor.companyId }) },
    { subject: actor.id, ...options },
  );

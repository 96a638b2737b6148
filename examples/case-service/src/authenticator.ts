import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CommandActor } from "@insieme/domain";
import { formatZodError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { errors as joseErrors, jwtVerify } from "jose";
import { z } from "zod";
import { ConfigError } from "./config.js";
import type { HttpError } from "./http-errors.js";

/** Where the verifying key is and what a token must say about who issued it and for whom. */
export interface AuthConfig {
  /** A PEM public key (SPKI): Ed25519 (EdDSA), P-256 (ES256) or RSA (RS256). */
  readonly publicKeyFile: string;
  readonly issuer: string | null;
  readonly audience: string | null;
}

/** Who a request comes from, as a verified credential says: the domain's actor. */
export type Caller = CommandActor;

/** Turns a request's `authorization` header into a caller, or the 401 that refuses it. */
export interface Authenticator {
  /** `true` when a verifying key is configured; `false` in the local mode that refuses every protected route. */
  readonly configured: boolean;
  authenticate(authorization: string | undefined): Promise<Either<HttpError, Caller>>;
}

/** The claims a token carries: `sub` is the actor's id, `role` their role, `companyId` for the company role. */
const claimsSchema = z.object({
  sub: z.string(),
  role: z.string(),
  companyId: z.string().optional(),
});

const unauthenticated = (message: string, error = "invalid_token"): HttpError => ({
  status: 401,
  body: { error: "unauthenticated", message },
  headers: { "www-authenticate": `Bearer realm="insieme", error="${error}"` },
});

/** The JWS algorithm a public key verifies: one per key, so a token cannot choose a weaker one. */
const algorithmOf = (key: KeyObject, file: string): "EdDSA" | "ES256" | "RS256" => {
  const type = key.asymmetricKeyType;
  if (type === "ed25519") return "EdDSA";
  if (type === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  if (type === "rsa" && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return "RS256";
  throw new ConfigError(
    `INSIEME_AUTH_PUBLIC_KEY: ${file} is a ${type ?? "unknown"} key; expected Ed25519, P-256 or RSA of at least 2048 bits`,
  );
};

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Verifies bearer JWTs with the public key of `config` (signature, `exp` required, `nbf`, and the issuer and
 * audience when configured), then parses the claims as the domain's actor. Any failure is a 401 that says why
 * without echoing the token.
 */
export const loadAuthenticator = async (config: AuthConfig): Promise<Authenticator> => {
  let pem: string;
  try {
    pem = await readFile(config.publicKeyFile, "utf8");
  } catch (error) {
    throw new ConfigError(
      `INSIEME_AUTH_PUBLIC_KEY: cannot read ${config.publicKeyFile}: ${(error as Error).message}`,
    );
  }
  if (pem.includes("PRIVATE KEY")) {
    throw new ConfigError(
      `INSIEME_AUTH_PUBLIC_KEY: ${config.publicKeyFile} holds a private key; give the service the public key only`,
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch {
    throw new ConfigError(`INSIEME_AUTH_PUBLIC_KEY: ${config.publicKeyFile} is not a PEM public key`);
  }
  if (key.type !== "public") {
    throw new ConfigError(`INSIEME_AUTH_PUBLIC_KEY: ${config.publicKeyFile} must hold a public key`);
  }
  const algorithm = algorithmOf(key, config.publicKeyFile);
  return {
    configured: true,
    authenticate: async (authorization) => {
      if (authorization === undefined) {
        return E.left(unauthenticated("send a bearer token: authorization: Bearer <JWT>", "invalid_request"));
      }
      const token = BEARER.exec(authorization)?.[1];
      if (token === undefined) {
        return E.left(unauthenticated("the authorization header is not a bearer JWT", "invalid_request"));
      }
      let payload: unknown;
      try {
        payload = (
          await jwtVerify(token, key, {
            algorithms: [algorithm],
            requiredClaims: ["sub", "exp"],
            ...(config.issuer === null ? {} : { issuer: config.issuer }),
            ...(config.audience === null ? {} : { audience: config.audience }),
          })
        ).payload;
      } catch (error) {
        const reason =
          error instanceof joseErrors.JWTExpired
            ? "the token has expired"
            : error instanceof joseErrors.JWTClaimValidationFailed
              ? `the token's ${error.claim} claim is not accepted`
              : error instanceof joseErrors.JWSSignatureVerificationFailed
                ? "the token's signature does not verify with the configured key"
                : "the token is not valid";
        return E.left(unauthenticated(reason));
      }
      const claims = claimsSchema.safeParse(payload);
      const actor = claims.success
        ? CommandActor.safeParse({
            id: claims.data.sub,
            role: claims.data.role,
            ...(claims.data.companyId === undefined ? {} : { companyId: claims.data.companyId }),
          })
        : claims;
      if (!actor.success) {
        return E.left(unauthenticated(`the token's claims are not valid: ${formatZodError(actor.error)}`));
      }
      return E.right(actor.data);
    },
  };
};

/**
 * The local mode, without a verifying key: nobody is authenticated, so every protected route answers 401 and a
 * claimed identity is never believed. The service accepts it on a loopback address only.
 */
export const noAuthenticator: Authenticator = {
  configured: false,
  authenticate: async () =>
    E.left({
      status: 401,
      body: {
        error: "authentication-not-configured",
        message:
          "this service runs without INSIEME_AUTH_PUBLIC_KEY: only the published report, the event stream and the dashboard are served",
      },
      headers: { "www-authenticate": 'Bearer realm="insieme"' },
    }),
};

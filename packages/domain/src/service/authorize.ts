import type { DomainError } from "@insieme/kernel";
import type { Either } from "fp-ts/lib/Either.js";
import * as E from "fp-ts/lib/Either.js";
import { COMMANDS } from "../commands/catalogue.js";
import type { Command } from "../commands/envelope.js";
import { reject } from "../rules.js";

/** The role must be allowed to send the command; a company acts only for itself. */
export const authorize = (cmd: Command): Either<DomainError, void> => {
  const roles: readonly string[] = COMMANDS[cmd.type].roles;
  if (!roles.includes(cmd.actor.role)) {
    return reject("role-not-allowed", `role ${cmd.actor.role} may not send ${cmd.type}`, {
      role: cmd.actor.role,
    });
  }
  if (cmd.actor.role === "company" && "companyId" in cmd.data && cmd.data.companyId !== cmd.actor.companyId) {
    return reject(
      "company-acts-only-for-itself",
      `company ${cmd.actor.companyId} may not act for ${cmd.data.companyId}`,
    );
  }
  return E.right(undefined);
};

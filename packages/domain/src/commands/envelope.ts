import { z } from "zod";
import { Id } from "../events/common.js";
import { Role } from "../vocabulary/roles.js";
import {
  COMMAND_TYPES,
  COMMANDS,
  type CommandData,
  type CommandInput,
  type CommandType,
} from "./catalogue.js";

/** Who sends a command. A company user also names the company they act for. */
export const CommandActor = z
  .strictObject({ id: Id, role: Role, companyId: Id.optional() })
  .refine((a) => (a.role === "company") === (a.companyId !== undefined), {
    message: "companyId is required for the company role and only for it",
    path: ["companyId"],
  });
export type CommandActor = z.infer<typeof CommandActor>;

/** The envelope of every command: the data is checked against the schema of `type` afterwards. */
export const CommandEnvelopeSchema = z.strictObject({
  commandId: Id,
  type: z.enum(COMMAND_TYPES as [CommandType, ...CommandType[]]),
  /** Domain time (ISO-8601 UTC, e.g. 2018-03-01T09:30:00Z); defaults to the engine's clock. */
  occurredAt: z.iso.datetime().optional(),
  actor: CommandActor,
  correlationId: Id.optional(),
  data: z.unknown(),
});

/** A validated command, as the application service routes it. */
export type Command = {
  [T in CommandType]: {
    readonly commandId: string;
    readonly type: T;
    readonly occurredAt: string;
    readonly actor: CommandActor;
    readonly correlationId?: string;
    readonly data: CommandData<T>;
  };
}[CommandType];

/** A command as a host writes it (occurredAt and correlationId optional). */
export type CommandInputEnvelope = {
  [T in CommandType]: {
    readonly commandId: string;
    readonly type: T;
    readonly occurredAt?: string;
    readonly actor: z.input<typeof CommandActor>;
    readonly correlationId?: string;
    readonly data: CommandInput<T>;
  };
}[CommandType];

/** One schema for the whole command line format, for JSON Schema generation and documentation. */
export const commandLineSchema = () =>
  z.discriminatedUnion(
    "type",
    COMMAND_TYPES.map((type) =>
      CommandEnvelopeSchema.extend({ type: z.literal(type), data: COMMANDS[type].data }).meta({
        title: type,
        description: COMMANDS[type].description,
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  );

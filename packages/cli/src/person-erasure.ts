import { join } from "node:path";
import { FilePersonalDataVault, type PersonalDataVault, RetentionScan } from "@insieme/domain";
import type { EventStore } from "@insieme/kernel";
import { keysDirectoryOf } from "./application.js";

/** The data keys of a journal's persons: destroying one erases that person's sealed personal data. */
export const personVaultOf = (journal: string): PersonalDataVault =>
  new FilePersonalDataVault(join(keysDirectoryOf(journal), "persons"));

/** The person streams' cases of a whole store, in one pass over its log. */
export const scanPersons = async (store: EventStore): Promise<RetentionScan> => {
  const scan = new RetentionScan();
  for await (const event of store.readAll()) scan.apply(event);
  return scan;
};

import { type ConfigurationRef, decidedBy, domainRegistry } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";

/** Per configuration version (by hash), how many replayed events it decided; and how many recorded none. */
export interface DecidedUnderState {
  versions: Record<string, ConfigurationRef & { events: number }>;
  unrecorded: number;
}

const onEvent = (state: DecidedUnderState, event: RecordedEvent): DecidedUnderState => {
  const ref = decidedBy(event.data);
  if (ref === null) {
    state.unrecorded++;
    return state;
  }
  const seen = state.versions[ref.hash];
  if (seen === undefined)
    state.versions[ref.hash] = { id: ref.id, version: ref.version, hash: ref.hash, events: 1 };
  else seen.events++;
  return state;
};

/** Which configuration versions the replayed events were decided under: every report cites them. */
export const decidedUnderProjection: Projection<DecidedUnderState> = {
  name: "statistics.decidedUnder",
  version: 1,
  initialState: () => ({ versions: {}, unrecorded: 0 }),
  handlers: Object.fromEntries(domainRegistry.types().map((type) => [type, onEvent])),
};

/** The versions in the order of (id, version). */
export const decidedUnderList = (
  state: DecidedUnderState,
): readonly (ConfigurationRef & { readonly events: number })[] =>
  Object.values(state.versions).sort((a, b) =>
    a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1,
  );

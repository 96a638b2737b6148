/**
 * Stream ids: one stream per candidate, company, project, budget year and person (by keyed hash), and the person's
 * index entry (by person id).
 */
export const STREAM_PREFIX = {
  candidate: "candidate-",
  company: "company-",
  project: "project-",
  fund: "fund-",
  person: "person-",
  personIndex: "personid-",
} as const;

export type StreamKind = keyof typeof STREAM_PREFIX;

export const candidateStream = (candidateId: string): string => `${STREAM_PREFIX.candidate}${candidateId}`;
export const companyStream = (companyId: string): string => `${STREAM_PREFIX.company}${companyId}`;
export const projectStream = (projectId: string): string => `${STREAM_PREFIX.project}${projectId}`;
/** The fund has one stream per budget year: commitments of a year serialise on it. */
export const fundStream = (year: number): string => `${STREAM_PREFIX.fund}${year}`;
/** `personKey` is the HMAC-SHA256 (hex) of the normalised codice fiscale, never the code. */
export const personStream = (personKey: string): string => `${STREAM_PREFIX.person}${personKey}`;

/** The person's index entry, keyed by the person's id: it names the person stream (`PersonIdentified`). */
export const personIndexStream = (personId: string): string => `${STREAM_PREFIX.personIndex}${personId}`;

/** Which kind of stream an id belongs to, or null for a stream of another context. */
export const streamKindOf = (streamId: string): StreamKind | null => {
  for (const [kind, prefix] of Object.entries(STREAM_PREFIX) as [StreamKind, string][]) {
    if (streamId.startsWith(prefix)) return kind;
  }
  return null;
};

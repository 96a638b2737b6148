import { type Cell, isSuppressed, type Provenance } from "../report/model.js";

/** The mark shown for a withheld count ("non disponibile"), explained in every rendering's legend. */
export const SUPPRESSED_MARK = "n.d.";
export const SUPPRESSED_LEGEND =
  "n.d. = dato non diffuso per tutela della riservatezza (conteggio di persone sotto soglia o soppressione secondaria); non è uno zero";

const integer = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("it-IT", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (cell: Cell): string =>
  isSuppressed(cell) ? SUPPRESSED_MARK : integer.format(cell);

export const formatPercent = (cell: Cell): string =>
  isSuppressed(cell) ? SUPPRESSED_MARK : `${decimal.format(cell)}%`;

/** The disclosure notice in Italian, for the views (the JSON keeps the library's notice). */
export const italianNotice = (disclosure: {
  readonly mode: "published" | "raw";
  readonly minCell: number | null;
}): string =>
  disclosure.mode === "raw"
    ? "RAW — USO INTERNO: conteggi non soppressi, solo per personale autorizzato; non pubblicare"
    : `Dati pubblicati: i conteggi di persone inferiori a ${disclosure.minCell ?? 3} sono soppressi, con soppressione secondaria contro il ricalcolo dai totali`;

/** Which configuration versions the report's events were decided under, in Italian, one line. */
export const decidedUnderText = (configuration: Provenance["configuration"]): string => {
  const versions = configuration.decidedUnder.map(
    (v) => `${v.id} v${v.version} (${v.hash.slice(0, 12)}…, ${integer.format(v.events)} eventi)`,
  );
  if (configuration.unrecorded > 0)
    versions.push(`${integer.format(configuration.unrecorded)} eventi senza configurazione registrata`);
  return versions.length === 0 ? "nessun evento" : versions.join("; ");
};

/** The note on labels that are the project's reading rather than a published source, in Italian. */
export const ourReadingNote = (configuration: Provenance["configuration"]): string | null =>
  configuration.ourReading.length === 0
    ? null
    : `Etichette nostra lettura (non da fonte pubblicata): ${configuration.ourReading
        .map((l) => `«${l.text}»`)
        .join(", ")}.`;

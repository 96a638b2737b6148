/**
 * The 55 comuni of the Città metropolitana di Bologna (ISTAT province code 037), keyed by ISTAT municipality code.
 * Unions as of 2017 (sources and caveats: docs/domain.md, "Territory"); the social-health district mapping is the
 * probable one and not verified against an official list.
 */
export type UnionOfMunicipalities =
  | "reno_galliera"
  | "terre_di_pianura"
  | "terre_d_acqua"
  | "valli_reno_lavino_samoggia"
  | "appennino_bolognese"
  | "savena_idice"
  | "nuovo_circondario_imolese";

export type SocialHealthDistrict =
  | "citta_di_bologna"
  | "pianura_est"
  | "pianura_ovest"
  | "reno_lavino_samoggia"
  | "appennino_bolognese"
  | "san_lazzaro_di_savena"
  | "imola";

export interface Municipality {
  readonly istat: string;
  readonly name: string;
  /** null: the comune belongs to no union (Bologna, San Lazzaro di Savena, Alto Reno Terme, Molinella). */
  readonly union: UnionOfMunicipalities | null;
  readonly district: SocialHealthDistrict;
}

const m = (
  istat: string,
  name: string,
  union: UnionOfMunicipalities | null,
  district: SocialHealthDistrict,
): Municipality => ({ istat, name, union, district });

export const MUNICIPALITIES: readonly Municipality[] = [
  m("037001", "Anzola dell'Emilia", "terre_d_acqua", "pianura_ovest"),
  m("037002", "Argelato", "reno_galliera", "pianura_est"),
  m("037003", "Baricella", "terre_di_pianura", "pianura_est"),
  m("037005", "Bentivoglio", "reno_galliera", "pianura_est"),
  m("037006", "Bologna", null, "citta_di_bologna"),
  m("037007", "Borgo Tossignano", "nuovo_circondario_imolese", "imola"),
  m("037008", "Budrio", "terre_di_pianura", "pianura_est"),
  m("037009", "Calderara di Reno", "terre_d_acqua", "pianura_ovest"),
  m("037010", "Camugnano", "appennino_bolognese", "appennino_bolognese"),
  m("037011", "Casalecchio di Reno", "valli_reno_lavino_samoggia", "reno_lavino_samoggia"),
  m("037012", "Casalfiumanese", "nuovo_circondario_imolese", "imola"),
  m("037013", "Castel d'Aiano", "appennino_bolognese", "appennino_bolognese"),
  m("037014", "Castel del Rio", "nuovo_circondario_imolese", "imola"),
  m("037015", "Castel di Casio", "appennino_bolognese", "appennino_bolognese"),
  m("037016", "Castel Guelfo di Bologna", "nuovo_circondario_imolese", "imola"),
  m("037017", "Castello d'Argile", "reno_galliera", "pianura_est"),
  m("037019", "Castel Maggiore", "reno_galliera", "pianura_est"),
  m("037020", "Castel San Pietro Terme", "nuovo_circondario_imolese", "imola"),
  m("037021", "Castenaso", "terre_di_pianura", "pianura_est"),
  m("037022", "Castiglione dei Pepoli", "appennino_bolognese", "appennino_bolognese"),
  m("037024", "Crevalcore", "terre_d_acqua", "pianura_ovest"),
  m("037025", "Dozza", "nuovo_circondario_imolese", "imola"),
  m("037026", "Fontanelice", "nuovo_circondario_imolese", "imola"),
  m("037027", "Gaggio Montano", "appennino_bolognese", "appennino_bolognese"),
  m("037028", "Galliera", "reno_galliera", "pianura_est"),
  m("037030", "Granarolo dell'Emilia", "terre_di_pianura", "pianura_est"),
  m("037031", "Grizzana Morandi", "appennino_bolognese", "appennino_bolognese"),
  m("037032", "Imola", "nuovo_circondario_imolese", "imola"),
  m("037033", "Lizzano in Belvedere", "appennino_bolognese", "appennino_bolognese"),
  m("037034", "Loiano", "savena_idice", "san_lazzaro_di_savena"),
  m("037035", "Malalbergo", "terre_di_pianura", "pianura_est"),
  m("037036", "Marzabotto", "appennino_bolognese", "appennino_bolognese"),
  m("037037", "Medicina", "nuovo_circondario_imolese", "imola"),
  m("037038", "Minerbio", "terre_di_pianura", "pianura_est"),
  m("037039", "Molinella", null, "pianura_est"),
  m("037040", "Monghidoro", "savena_idice", "san_lazzaro_di_savena"),
  m("037041", "Monterenzio", "savena_idice", "san_lazzaro_di_savena"),
  m("037042", "Monte San Pietro", "valli_reno_lavino_samoggia", "reno_lavino_samoggia"),
  m("037044", "Monzuno", "appennino_bolognese", "appennino_bolognese"),
  m("037045", "Mordano", "nuovo_circondario_imolese", "imola"),
  m("037046", "Ozzano dell'Emilia", "savena_idice", "san_lazzaro_di_savena"),
  m("037047", "Pianoro", "savena_idice", "san_lazzaro_di_savena"),
  m("037048", "Pieve di Cento", "reno_galliera", "pianura_est"),
  m("037050", "Sala Bolognese", "terre_d_acqua", "pianura_ovest"),
  m("037051", "San Benedetto Val di Sambro", "appennino_bolognese", "appennino_bolognese"),
  m("037052", "San Giorgio di Piano", "reno_galliera", "pianura_est"),
  m("037053", "San Giovanni in Persiceto", "terre_d_acqua", "pianura_ovest"),
  m("037054", "San Lazzaro di Savena", null, "san_lazzaro_di_savena"),
  m("037055", "San Pietro in Casale", "reno_galliera", "pianura_est"),
  m("037056", "Sant'Agata Bolognese", "terre_d_acqua", "pianura_ovest"),
  m("037057", "Sasso Marconi", "valli_reno_lavino_samoggia", "reno_lavino_samoggia"),
  m("037059", "Vergato", "appennino_bolognese", "appennino_bolognese"),
  m("037060", "Zola Predosa", "valli_reno_lavino_samoggia", "reno_lavino_samoggia"),
  m("037061", "Valsamoggia", "valli_reno_lavino_samoggia", "reno_lavino_samoggia"),
  m("037062", "Alto Reno Terme", null, "appennino_bolognese"),
];

export const BOLOGNA_ISTAT = "037006";

const byIstat = new Map(MUNICIPALITIES.map((x) => [x.istat, x]));

/** The comune of the metro area with this ISTAT code, or undefined when it lies outside the metro area. */
export const municipalityByIstat = (istat: string): Municipality | undefined => byIstat.get(istat);

export const isInMetroArea = (istat: string): boolean => byIstat.has(istat);

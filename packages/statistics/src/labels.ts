import type {
  AgeBand,
  ApplicationChannel,
  BoardChannel,
  CaseCloseReason,
  ContractType,
  EducationLevel,
  Gender,
  InterviewOutcome,
  NotInTargetReason,
  PlacementOrder,
  ProjectKind,
  Quartiere,
  Referrer,
  SocialServicesResult,
} from "@insieme/domain";

/** Italian labels of the domain's categories; the key order is the order of rows in the report. */
export const EDUCATION_LABELS = {
  primary_or_none: "Nessun titolo / licenza elementare",
  lower_secondary: "Licenza media",
  vocational_qualification: "Qualifica professionale",
  upper_secondary: "Diploma",
  tertiary: "Laurea",
} as const satisfies Record<EducationLevel, string>;

export const AGE_BAND_LABELS = {
  "18_24": "18–24",
  "25_34": "25–34",
  "35_49": "35–49",
  "50_64": "50–64",
  "65_plus": "65 e oltre",
} as const satisfies Record<AgeBand, string>;

export const GENDER_LABELS = {
  female: "Donne",
  male: "Uomini",
  non_binary: "Non binario",
  not_stated: "Non dichiarato",
} as const satisfies Record<Gender, string>;

export const REFERRER_LABELS = {
  self: "Autocandidatura",
  social_services: "Servizi sociali",
  parish_caritas: "Parrocchie / Caritas",
  trade_union: "Sindacati",
  employers_association: "Associazioni di categoria",
  job_centre: "Centri per l'impiego",
  third_sector: "Terzo settore",
  other: "Altro",
} as const satisfies Record<Referrer, string>;

export const CHANNEL_LABELS = {
  online_form: "Form on line",
  desk: "Sportello",
} as const satisfies Record<ApplicationChannel, string>;

export const NOT_IN_TARGET_LABELS = {
  outside_metro_area: "Non in target: fuori dalla Città metropolitana",
  not_unemployed: "Non in target: non disoccupato",
  in_other_active_measure: "Non in target: già in altra misura attiva",
  no_difficulty: "Non in target: nessuna difficoltà",
  other: "Non in target: altro motivo",
} as const satisfies Record<NotInTargetReason, string>;

export const SOCIAL_SERVICES_LABELS = {
  known: "Già conosciuti dai Servizi Sociali",
  unknown: "Non conosciuti (nuovi bisogni intercettati)",
} as const satisfies Record<SocialServicesResult, string>;

export const INTERVIEW_OUTCOME_LABELS = {
  immediately_placeable: "Immediatamente candidabili",
  empowerment_path: "Percorso di empowerment",
  referred_elsewhere: "Inviati ad altri servizi",
  withdrawn: "Ritirati",
  no_show: "Non presentati",
} as const satisfies Record<InterviewOutcome, string>;

export const BOARD_CHANNEL_LABELS = {
  direct: "Board",
  non_partner: "Non partner (Utilitalia, Federdistribuzione)",
  legacoop: "Legacoop",
  confcooperative: "Confcooperative",
  cna: "CNA",
  confindustria: "Confindustria",
  confcommercio: "Confcommercio",
  confesercenti: "Confesercenti",
  confartigianato: "Confartigianato",
} as const satisfies Record<BoardChannel, string>;

export const PROJECT_KIND_LABELS = {
  autoimpiego: "Autoimpiego",
  sociale: "Sociali",
} as const satisfies Record<ProjectKind, string>;

export const CONTRACT_LABELS = {
  permanent: "Tempo indeterminato",
  fixed_term: "Tempo determinato",
  on_call: "Intermittente / a chiamata",
  apprenticeship: "Apprendistato",
  other: "Altro contratto",
} as const satisfies Record<ContractType, string>;

export const PLACEMENT_ORDER_LABELS = {
  first_time: "Primo inserimento",
  repeat: "Inserimento successivo",
} as const satisfies Record<PlacementOrder, string>;

export const CASE_CLOSE_LABELS = {
  autonomy: "Autonomia raggiunta",
  dropped_out: "Abbandono",
  moved: "Trasferimento",
  other: "Altro motivo",
} as const satisfies Record<CaseCloseReason, string>;

export const QUARTIERE_LABELS = {
  borgo_panigale_reno: "Borgo Panigale-Reno",
  navile: "Navile",
  porto_saragozza: "Porto-Saragozza",
  san_donato_san_vitale: "San Donato-San Vitale",
  santo_stefano: "Santo Stefano",
  savena: "Savena",
} as const satisfies Record<Quartiere, string>;

export const DISTRICT_LABELS = {
  citta_di_bologna: "Città di Bologna",
  pianura_est: "Pianura Est",
  pianura_ovest: "Pianura Ovest",
  reno_lavino_samoggia: "Reno, Lavino e Samoggia",
  appennino_bolognese: "Appennino Bolognese",
  san_lazzaro_di_savena: "San Lazzaro di Savena",
  imola: "Imola",
} as const;

/** Keys of a label map in row order, and their index (the slot a count lives in). */
export const keysOf = <K extends string>(labels: Readonly<Record<K, string>>): readonly K[] =>
  Object.keys(labels) as K[];

/**
 * Category key → slot. A Map: event data strings are not internalised, and Map lookups hash them directly where
 * an object's keyed access would first internalise them.
 */
export const indexOf = <K extends string>(labels: Readonly<Record<K, string>>): ReadonlyMap<string, number> =>
  new Map(keysOf(labels).map((k, i) => [k, i]));

export const MONTH_LABELS = [
  "gen",
  "feb",
  "mar",
  "apr",
  "mag",
  "giu",
  "lug",
  "ago",
  "set",
  "ott",
  "nov",
  "dic",
] as const;

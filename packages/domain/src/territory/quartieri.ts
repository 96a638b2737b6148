import { z } from "zod";

/** Bologna's six quartieri since the 2016 reform. */
export const Quartiere = z.enum([
  "borgo_panigale_reno",
  "navile",
  "porto_saragozza",
  "san_donato_san_vitale",
  "santo_stefano",
  "savena",
]);
export type Quartiere = z.infer<typeof Quartiere>;

export const QUARTIERE_NAMES: Readonly<Record<Quartiere, string>> = {
  borgo_panigale_reno: "Borgo Panigale-Reno",
  navile: "Navile",
  porto_saragozza: "Porto-Saragozza",
  san_donato_san_vitale: "San Donato-San Vitale",
  santo_stefano: "Santo Stefano",
  savena: "Savena",
};

/** Calendar arithmetic on YYYY-MM-DD strings in UTC (scenario time, never the machine's clock). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The months from `first` to `last` inclusive, as [year, month] pairs. */
export const monthsBetween = (first: string, last: string): [number, number][] => {
  const out: [number, number][] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const endY = Number(last.slice(0, 4));
  const endM = Number(last.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push([y, m]);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
};

export const isoDay = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** A domain time on a day: office hours, spread by `minute` so commands of a day keep a stable order. */
export const at = (date: string, minute: number): string => {
  const m = 9 * 60 + (minute % (9 * 60));
  return `${date}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00.000Z`;
};

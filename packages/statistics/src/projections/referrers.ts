import { ApplicationChannel, type EventData, Referrer } from "@insieme/domain";
import type { Projection, RecordedEvent } from "@insieme/kernel";
import { onCorrections, retractThenCount } from "../corrected-fact.js";
import { bucket, type DayBuckets, dayCodeOf, inWindow, sumDays } from "../day-code.js";
import { indexOf, rowsOf } from "../labels.js";
import type { StatisticDefinition } from "../statistic.js";

export interface ReferrersState {
  /** Per day of application: referrer × channel slots (referrer-major). */
  days: DayBuckets;
}

const REFERRER = indexOf(Referrer.options);
const CHANNEL = indexOf(ApplicationChannel.options);
const CHANNELS = ApplicationChannel.options.length;
const WIDTH = Referrer.options.length * CHANNELS;

const countApplied = (state: ReferrersState, event: RecordedEvent, sign: 1 | -1): void => {
  const data = event.data as EventData<"CandidateApplied">;
  const slots = bucket(state.days, dayCodeOf(event.occurredAt), WIDTH);
  const i = (REFERRER.get(data.referrer) as number) * CHANNELS + (CHANNEL.get(data.channel) as number);
  slots[i] = (slots[i] as number) + sign;
};

const onApplied = (state: ReferrersState, event: RecordedEvent): ReferrersState => {
  countApplied(state, event, 1);
  return state;
};

export const referrersProjection: Projection<ReferrersState> = {
  name: "statistics.referrers",
  version: 2,
  initialState: () => ({ days: {} }),
  handlers: {
    CandidateApplied: onApplied,
    FactCorrected: onCorrections({ CandidateApplied: retractThenCount(countApplied) }),
  },
};

export const referrers: StatisticDefinition<ReferrersState> = {
  id: "referrers",
  title: "Soggetti invianti",
  description:
    "Candidature per soggetto inviante e canale (il form on line è aperto dal 1 dicembre 2017), alla data della candidatura.",
  chart: "bar",
  projection: referrersProjection,
  counts: (state, window, view) => {
    const slots = sumDays(state.days, WIDTH, (d) => inWindow(window, d));
    return {
      tables: [
        {
          key: "byReferrer",
          title: "Candidature per soggetto inviante e canale",
          unit: "applications",
          disclosureRule: "person-level",
          rowHeader: "Soggetto inviante",
          columns: Object.entries(rowsOf(ApplicationChannel.options, view.labels.channel)).map(
            ([key, label]) => ({ key, label }),
          ),
          rows: Object.entries(rowsOf(Referrer.options, view.labels.referrer)).map(([key, label], r) => ({
            key,
            label,
            counts: Array.from({ length: CHANNELS }, (_, c) => slots[r * CHANNELS + c] ?? 0),
          })),
        },
      ],
    };
  },
};

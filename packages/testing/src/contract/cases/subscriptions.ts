import type { EventStore, RecordedEvent, SubscribeOptions, SubscriptionMessage } from "@insieme/kernel";
import { check, checkEqual, right } from "../assert.js";
import { type ContractCase, withStore } from "../contract-case.js";
import { newEvent, newEvents, uniqueStream } from "../fixtures.js";

const group = "catch-up subscriptions";

/** Collects messages until `until` says stop, failing after a timeout instead of hanging. */
const take = async (
  store: EventStore,
  options: SubscribeOptions,
  until: (messages: SubscriptionMessage[]) => boolean,
  onCaughtUp: () => Promise<void> = async () => {},
  timeoutMs = 10_000,
): Promise<SubscriptionMessage[]> => {
  const subscription = store.subscribe(options);
  const messages: SubscriptionMessage[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const message of subscription) {
      messages.push(message);
      if (message.kind === "caughtUp") await onCaughtUp();
      if (until(messages)) break;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  return messages;
};

const eventsOf = (messages: SubscriptionMessage[], streams: ReadonlySet<string>): RecordedEvent[] =>
  messages.flatMap((m) => (m.kind === "event" && streams.has(m.event.streamId) ? [m.event] : []));

export const subscriptionCases: readonly ContractCase[] = [
  {
    group,
    name: "history, then one caughtUp, then live events as they are appended",
    run: (make) =>
      withStore(make, async (store) => {
        const prefix = uniqueStream("sub");
        const s = `${prefix}-a`;
        const history = newEvents(3);
        const live = newEvents(2);
        right(await store.append(s, history, "no_stream"), "history");
        const messages = await take(
          store,
          { filter: { streamPrefixes: [prefix] } },
          (m) => eventsOf(m, new Set([s])).length >= 5,
          async () => {
            right(await store.append(s, live, 2), "live append");
          },
        );
        const kinds = messages.filter(
          (m) => m.kind === "caughtUp" || (m.kind === "event" && m.event.streamId === s),
        );
        checkEqual(
          kinds.map((m) => (m.kind === "event" ? m.event.eventId : "caughtUp")),
          [...history.map((e) => e.eventId), "caughtUp", ...live.map((e) => e.eventId)],
          "message order",
        );
      }),
  },
  {
    group,
    name: "from a checkpoint: only events after the stored position",
    run: (make) =>
      withStore(make, async (store) => {
        const prefix = uniqueStream("sub");
        const s = `${prefix}-a`;
        const appended = right(await store.append(s, newEvents(4), "no_stream"), "setup");
        const checkpoint = appended.positions[1] ?? null;
        const messages = await take(store, { after: checkpoint, filter: { streamPrefixes: [prefix] } }, (m) =>
          m.some((x) => x.kind === "caughtUp"),
        );
        checkEqual(
          eventsOf(messages, new Set([s])).map((e) => e.revision),
          [2, 3],
          "revisions after the checkpoint",
        );
      }),
  },
  {
    group,
    name: "filters on stream prefixes and on event types",
    run: (make) =>
      withStore(make, async (store) => {
        const prefix = uniqueStream("sub");
        const wanted = `${prefix}-x`;
        const other = uniqueStream("elsewhere");
        right(
          await store.append(wanted, [newEvent("Kept"), newEvent("Dropped"), newEvent("Kept")], "no_stream"),
          "a",
        );
        right(await store.append(other, [newEvent("Kept")], "no_stream"), "b");
        const byPrefix = await take(store, { filter: { streamPrefixes: [prefix] } }, (m) =>
          m.some((x) => x.kind === "caughtUp"),
        );
        const prefixed = byPrefix.flatMap((m) => (m.kind === "event" ? [m.event] : []));
        check(
          prefixed.every((e) => e.streamId.startsWith(prefix)),
          "only streams with the prefix",
        );
        checkEqual(prefixed.length, 3, "events of the prefixed stream");
        const byType = await take(store, { filter: { eventTypes: ["Dropped"] } }, (m) =>
          m.some((x) => x.kind === "caughtUp"),
        );
        const typed = byType.flatMap((m) => (m.kind === "event" ? [m.event] : []));
        check(
          typed.every((e) => e.type === "Dropped"),
          "only the filtered type",
        );
        check(
          typed.some((e) => e.streamId === wanted),
          "the Dropped event is delivered",
        );
      }),
  },
  {
    group,
    name: "close ends the iteration of a live subscription",
    run: (make) =>
      withStore(make, async (store) => {
        const prefix = uniqueStream("sub");
        const subscription = store.subscribe({ filter: { streamPrefixes: [prefix] } });
        const iterator = subscription[Symbol.asyncIterator]();
        const first = await iterator.next();
        checkEqual(first.value?.kind, "caughtUp", "first message on an empty filter");
        const pending = iterator.next();
        await subscription.close();
        const outcome = await Promise.race([
          pending.then((r) => (r.done === true ? "done" : "message")),
          new Promise<string>((resolve) => setTimeout(() => resolve("hang"), 5_000)),
        ]);
        checkEqual(outcome, "done", "iteration after close");
      }),
  },
];

import { InMemoryEventStore, NamespacedEventStore } from "@insieme/kernel";
import { eventStoreContract } from "../src/index.js";

/** A programme's view of a store another programme writes too: the whole contract holds inside the namespace. */
eventStoreContract("namespaced view of a shared in-memory store", async () => {
  const shared = new InMemoryEventStore();
  const other = new NamespacedEventStore(shared, "other-programme");
  await other.append(
    "candidate-1",
    [
      {
        eventId: "noise-1",
        type: "Noise",
        version: 1,
        data: {},
        occurredAt: "2017-01-01T00:00:00.000Z",
        correlationId: null,
        causationId: null,
        actor: { id: "x", role: "operator" },
      },
    ],
    "any",
  );
  return new NamespacedEventStore(shared, "programme");
});

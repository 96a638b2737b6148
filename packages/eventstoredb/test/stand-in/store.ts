import type { EventStoreDbEventStore } from "../../src/index.js";
import { connect } from "../helpers.js";
import { startStandIn } from "./server.js";

/** A store on a fresh stand-in node of its own; closing the store stops the node. */
export const standInStore = async (): Promise<EventStoreDbEventStore> => {
  const standIn = await startStandIn();
  const store = await connect(standIn.connectionString);
  return new Proxy(store, {
    get: (target, key, receiver) =>
      key === "close"
        ? async () => {
            await target.close();
            await standIn.stop();
          }
        : Reflect.get(target, key, receiver),
  });
};

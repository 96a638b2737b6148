import { eventStoreContract } from "@insieme/testing";
import { connect } from "./helpers.js";
import { standInStore } from "./stand-in/store.js";

// In CI: the real @eventstore/db-client against the in-process stand-in node, one fresh node per case. Every
// message crosses loopback gRPC, so the two heaviest cases are scaled down to keep the run within its budget.
eventStoreContract("EventStoreDB adapter via the loopback stand-in", standInStore, {
  largeStreamSize: 5_000,
  concurrentWriters: 8,
});

// Against a real server when one is given, e.g. INSIEME_EVENTSTOREDB_URL=esdb://127.0.0.1:2113?tls=false, with
// the suite's full sizes (cases share the server: each works on streams of its own).
const url = process.env.INSIEME_EVENTSTOREDB_URL;
if (url !== undefined && url !== "") {
  eventStoreContract(`EventStoreDB at ${url.replace(/\/\/[^@/]*@/, "//")}`, () => connect(url));
}

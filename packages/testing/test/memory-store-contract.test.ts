import { InMemoryEventStore } from "@insieme/kernel";
import { eventStoreContract } from "../src/index.js";

eventStoreContract("in-memory store", async () => new InMemoryEventStore());

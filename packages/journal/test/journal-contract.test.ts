import { eventStoreContract } from "@insieme/testing";
import { afterAll } from "vitest";
import { freshJournal, removeTempDirs } from "./temp-journal.js";

afterAll(removeTempDirs);

eventStoreContract("journal", () => freshJournal());

#!/usr/bin/env node
import { endQuietlyOnClosedOutput } from "./closed-output.js";
import { runCli } from "./program.js";

endQuietlyOnClosedOutput();
process.exitCode = await runCli(process.argv.slice(2));

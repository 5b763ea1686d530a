#!/usr/bin/env node
import { runCli } from './run-cli.js';

process.exitCode = runCli(process.argv.slice(2), { log: (l) => console.log(l), error: (l) => console.error(l) });

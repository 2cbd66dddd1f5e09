#!/usr/bin/env node
import { runCodeactLocal } from '../dist/cli/run-codeact-local.js';

process.exitCode = await runCodeactLocal(process.argv.slice(2));

#!/usr/bin/env node
// Published entry point: runs the compiled CLI (build with `pnpm --filter @rubin/ra-contract build`).
await import('../dist/src/cli/main.js')

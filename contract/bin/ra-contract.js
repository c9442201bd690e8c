#!/usr/bin/env node
// Published entry point: runs the compiled CLI (build with `pnpm --filter @rubin/ra-contract build`).
const { main } = await import('../dist/src/cli/main.js')
await main()

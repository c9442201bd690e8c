// ----------------------------------------------------------------------------
// The browser code, bundled once at start with esbuild (in memory, no build
// step): ui/main.ts and everything it imports, the contract included (resolved
// to its TypeScript source), so the UI uses the same names as the server.
// ----------------------------------------------------------------------------
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const UI_DIR = fileURLToPath(new URL('../../ui/', import.meta.url))

export interface UiAssets {
  readonly js: string
  readonly css: string
}

let assets: Promise<UiAssets> | undefined

export function uiAssets(): Promise<UiAssets> {
  assets ??= (async () => {
    const result = await build({
      entryPoints: [`${UI_DIR}main.ts`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@rubin/source'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    })
    const js = result.outputFiles[0]?.text ?? ''
    const css = await readFile(`${UI_DIR}style.css`, 'utf8')
    return { js, css }
  })()
  return assets
}

export const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RubinTV</title>
<link rel="stylesheet" href="/ui/app.css">
</head>
<body>
<header id="top"><a href="/" class="brand">RubinTV</a><nav id="crumbs"></nav><span id="user"></span><span id="live" class="live off">offline</span></header>
<main id="app"></main>
<script type="module" src="/ui/app.js"></script>
</body>
</html>
`

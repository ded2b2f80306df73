# Every target is a thin wrapper around a script, so CI and people run the same thing.
# SPECS_FROM=<folder|url> picks where specs are read from (default: upstream at the pinned ref,
# falling back to ../shared/openapi when upstream is unreachable).

.PHONY: pull generate check-generated update-specs build test typecheck lint demo test-runtimes test-package test-contract test-regenerate bench

## Copy or download every pinned spec into openapi/ (hash-verified, all or nothing).
pull:
	node scripts/pull.mjs

## openapi/*.yml -> generated/*.ts (rewrites only files whose bytes change).
generate:
	node scripts/generate.mjs

## Fail with a readable summary when generated/ differs from what the pinned specs produce.
check-generated:
	node scripts/check-generated.mjs

## Pull without the pin check, move the pins of changed specs, regenerate.
update-specs:
	node scripts/update-specs.mjs

## Build dist/ (ESM + CJS + type declarations).
build:
	npm run build

## Type-check the project (tests included) and src/ alone without Node's types: the same passes as `npm run typecheck`.
typecheck:
	npm run --silent typecheck

## biome (lint rules, configured in biome.json) and knip (unused files, exports, dependencies; knip.jsonc).
lint:
	npm run --silent lint

test:
	npm test

## The quickstart, end to end: embedded sandbox by default, the real API with BASIQ_API_KEY (+ BASIQ_USER_ID).
## Bundles scripts/demo.mjs with src/ (esbuild, well under a second; dist/ and type declarations untouched).
demo:
	npm run --silent demo

## The smoke suite in Node 20/22/24, Deno, Bun, workerd and edge-runtime, against a loopback sandbox
## (the runtimes are installed into test/runtimes/engines from its own lockfile on first use).
test-runtimes: build
	node scripts/test-runtimes.mjs

## publint, attw, and the packed tarball installed into a fresh project (import, require, TypeScript, `basiq sandbox`).
test-package: build
	node scripts/test-package.mjs

## .github/workflows/regenerate-specs.yml's run: steps, in a scratch clone against a loopback stand-in
## for upstream: one changed spec moves its pin and regenerates; an unchanged upstream changes nothing.
test-regenerate:
	node scripts/test-regenerate.mjs

## Every basiq.ops operation against a Prism mock of its spec; each request must validate.
test-contract: pull
	npm run --silent test:contract

## Speed, size and memory figures (medians against baselines), printed and written to BENCHMARKS.md.
bench: build
	node --expose-gc scripts/bench.mjs

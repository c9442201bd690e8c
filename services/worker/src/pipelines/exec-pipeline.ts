// ----------------------------------------------------------------------------
// The external executor: runs a command per payload (e.g. a Python wrapper
// around the LSST science pipelines). Protocol with the command: payload JSON
// on stdin; env RA_PAYLOAD_ID, RA_PIPELINE, RA_INSTRUMENT; exit 0 = finished,
// anything else = failed with the end of stderr as the reason; the last stdout
// line may be `{"outputs":[...]}` naming what it wrote. Abandoning or timing
// out sends SIGTERM to its process group, then SIGKILL after a grace period.
// ----------------------------------------------------------------------------
import { spawn } from 'node:child_process'
import type { ExecPipelineSpec } from './spec.ts'
import type { PipelineResult, PipelineRunner } from './types.ts'

const KEEP_BYTES = 64 * 1024
const STDERR_LINES = 10
const DEFAULT_KILL_GRACE_MS = 5000

export interface ExecOptions {
  /** Between SIGTERM and SIGKILL (5 s; shorter in tests). */
  readonly killGraceMs?: number
}

/** Keeps only the last KEEP_BYTES of a stream: a chatty pipeline must not grow the worker's memory. */
function tail() {
  let text = ''
  return {
    add(chunk: Buffer) {
      text = (text + chunk.toString('utf8')).slice(-KEEP_BYTES)
    },
    lines: () => text.split('\n').filter((line) => line.trim() !== ''),
  }
}

/** `{"outputs":[...]}` on the last stdout line, if that is what it is. */
export function declaredOutputs(lines: readonly string[]): string[] | undefined {
  const last = lines.at(-1)
  if (last === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(last)
    const outputs = (parsed as { outputs?: unknown } | null)?.outputs
    if (Array.isArray(outputs) && outputs.every((o) => typeof o === 'string')) return outputs
  } catch {
    // An ordinary log line, not a declaration.
  }
  return undefined
}

export function execPipeline(spec: ExecPipelineSpec, options: ExecOptions = {}): PipelineRunner {
  const [program = '', ...args] = spec.command
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS
  return {
    describe: `exec(${spec.command.join(' ')})`,
    run(payload, { instrument, signal }) {
      return new Promise<PipelineResult>((resolve) => {
        const stdout = tail()
        const stderr = tail()
        let why: string | undefined
        let killTimer: NodeJS.Timeout | undefined
        const child = spawn(program, args, {
          stdio: ['pipe', 'pipe', 'pipe'],
          // Own process group, so a wrapper script's children are signalled too.
          detached: true,
          env: {
            ...process.env,
            RA_PAYLOAD_ID: payload.payloadId,
            RA_PIPELINE: payload.pipeline ?? payload.task ?? '',
            RA_INSTRUMENT: instrument,
          },
        })
        const signalGroup = (name: NodeJS.Signals) => {
          if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
          try {
            process.kill(-child.pid, name)
          } catch {
            child.kill(name)
          }
        }
        const terminate = (reason: string) => {
          why ??= reason
          signalGroup('SIGTERM')
          killTimer ??= setTimeout(() => signalGroup('SIGKILL'), graceMs)
        }
        const onAbort = () => terminate('aborted')
        const timeout =
          spec.timeoutS === undefined
            ? undefined
            : setTimeout(() => terminate(`timed out after ${spec.timeoutS} s`), spec.timeoutS * 1000)
        signal.addEventListener('abort', onAbort, { once: true })
        if (signal.aborted) onAbort()
        const finish = (result: PipelineResult) => {
          clearTimeout(timeout)
          clearTimeout(killTimer)
          signal.removeEventListener('abort', onAbort)
          resolve(result)
        }
        child.stdout.on('data', stdout.add)
        child.stderr.on('data', stderr.add)
        // A command that never reads stdin closes the pipe; that is its business, not an error.
        child.stdin.on('error', () => {})
        child.stdin.end(`${JSON.stringify(payload)}\n`)
        child.once('error', (error) => finish({ outcome: 'failed', reason: `cannot run ${program}: ${error.message}` }))
        child.once('close', (code, killedBy) => {
          const errorLines = stderr.lines().slice(-STDERR_LINES).join('\n')
          const detail = errorLines === '' ? '' : `: ${errorLines}`
          if (why !== undefined) return finish({ outcome: 'failed', reason: `${why}${detail}` })
          if (code === 0) {
            const outputs = declaredOutputs(stdout.lines())
            return finish(outputs === undefined ? { outcome: 'finished' } : { outcome: 'finished', outputs })
          }
          const ended = killedBy === null ? `exit code ${code}` : `killed by ${killedBy}`
          finish({ outcome: 'failed', reason: `${program} ${ended}${detail}` })
        })
      })
    },
  }
}

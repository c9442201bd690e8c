// JPEG/PNG frames → H.264 mp4 with ffmpeg (a child process; the only I/O of this package, plus one
// temporary file: +faststart moves the index to the front, which needs a seekable output).
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { badInput, ProductError } from '../errors.ts'

export interface MovieOptions {
  /** Frames per second (default 10). */
  readonly fps?: number
  /** Largest output width, pixels; larger frames are scaled down (default 1920). */
  readonly maxWidth?: number
  /** x264 constant rate factor, lower is better (default 23). */
  readonly crf?: number
  /** ffmpeg executable (default `ffmpeg` on PATH). */
  readonly ffmpegPath?: string
}

export interface RenderedMovie {
  readonly bytes: Buffer
  readonly format: 'mp4'
  readonly ext: 'mp4'
  readonly mimeType: 'video/mp4'
  readonly width: number
  readonly height: number
  readonly frames: number
  readonly fps: number
}

const even = (n: number) => Math.max(2, 2 * Math.floor(n / 2))

const JPEG_MAGIC = [0xff, 0xd8, 0xff]
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47]
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b)

/** The decoder ffmpeg must use: every frame JPEG, or every frame PNG (ffmpeg would silently drop others). */
function frameCodec(frames: readonly Uint8Array[]): 'mjpeg' | 'png' {
  const codec = startsWith(frames[0] as Uint8Array, JPEG_MAGIC) ? 'mjpeg' : 'png'
  frames.forEach((frame, i) => {
    if (!startsWith(frame, codec === 'mjpeg' ? JPEG_MAGIC : PNG_MAGIC)) {
      badInput(`frame ${i} is not a ${codec === 'mjpeg' ? 'JPEG' : 'PNG'} like frame 0; give all frames in one format`)
    }
  })
  return codec
}

function missing(path: string, cause?: unknown): ProductError {
  return new ProductError(
    'RA_PRODUCTS_FFMPEG_MISSING',
    `'${path}' was not found; install the Debian package ffmpeg (\`./ra setup\` does) or set ffmpegPath`,
    { cause },
  )
}

/** Run a command with stdin fed from `frames`; resolves with stderr, rejects with a ProductError. */
function run(command: string, args: readonly string[], frames: readonly Uint8Array[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000)
    })
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? missing(command, error)
          : new ProductError('RA_PRODUCTS_FFMPEG_FAILED', error.message, { cause: error }),
      ),
    )
    // ffmpeg may close stdin early on a bad frame; its exit status then tells what happened.
    child.stdin.on('error', () => {})
    child.on('close', (code) => {
      if (code === 0) resolve(stderr)
      else
        reject(
          new ProductError(
            'RA_PRODUCTS_FFMPEG_FAILED',
            `${command} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        )
    })
    const write = async () => {
      for (const frame of frames) {
        if (!child.stdin.write(frame)) await new Promise((r) => child.stdin.once('drain', r))
      }
      child.stdin.end()
    }
    void write()
  })
}

/**
 * Encode still frames (JPEG or PNG bytes, any mix of sizes) as an H.264 mp4: yuv420p, even
 * dimensions from the first frame (scaled to at most maxWidth), other frames letterboxed to it,
 * `+faststart` so browsers start playing before the download ends.
 */
export async function encodeMovie(frames: readonly Uint8Array[], options: MovieOptions = {}): Promise<RenderedMovie> {
  if (frames.length === 0) badInput('a movie needs at least one frame')
  const fps = options.fps ?? 10
  if (!(fps > 0)) badInput(`fps must be > 0; got ${fps}`)
  const codec = frameCodec(frames)
  const first = await sharp(frames[0]).metadata()
  if (first.width === undefined || first.height === undefined) badInput('the first frame is not a decodable image')
  const scale = Math.min(1, (options.maxWidth ?? 1920) / first.width)
  const width = even(first.width * scale)
  const height = even(first.height * scale)
  const ffmpeg = options.ffmpegPath ?? 'ffmpeg'
  const dir = await mkdtemp(join(tmpdir(), 'ra-products-movie-'))
  const out = join(dir, 'movie.mp4')
  try {
    // image2pipe + per-frame decoding: JPEG and PNG frames both work, sizes may vary.
    await run(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'image2pipe',
        '-c:v',
        codec,
        '-framerate',
        String(fps),
        '-i',
        'pipe:0',
        '-vf',
        `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,format=yuv420p`,
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        String(options.crf ?? 23),
        '-r',
        String(fps),
        '-movflags',
        '+faststart',
        out,
      ],
      frames,
    )
    const bytes = await readFile(out)
    return { bytes, format: 'mp4', ext: 'mp4', mimeType: 'video/mp4', width, height, frames: frames.length, fps }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

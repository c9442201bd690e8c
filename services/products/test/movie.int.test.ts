// Movies through the real ffmpeg; ffprobe checks codec, size, pixel format and frame count.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { encodeMovie, renderDetectorImage, renderImageSequenceMovie } from '../src/index.ts'
import { gaussianStamp, keep, starField } from './fixtures.ts'

const run = promisify(execFile)

async function probe(bytes: Buffer) {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises')
  const { join } = await import('node:path')
  const { tmpdir } = await import('node:os')
  const dir = await mkdtemp(join(tmpdir(), 'ra-products-probe-'))
  try {
    const file = join(dir, 'm.mp4')
    await writeFile(file, bytes)
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,pix_fmt,nb_read_frames,avg_frame_rate:format=duration',
      '-of',
      'json',
      file,
    ])
    const json = JSON.parse(stdout) as { streams: Record<string, string | number>[]; format: { duration: string } }
    return { ...json.streams[0], duration: Number(json.format.duration) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('movies', () => {
  it('day_movie: JPEG frames of odd and differing sizes → H.264 yuv420p mp4, faststart, one frame each', async () => {
    const frames = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        renderDetectorImage({ width: 301 + (i % 2) * 20, height: 241, pixels: starField(301 + (i % 2) * 20, 241, i) }),
      ),
    )
    const movie = await encodeMovie(
      frames.map((f) => f.bytes),
      { fps: 6 },
    )
    expect([movie.width, movie.height, movie.frames, movie.ext]).toEqual([300, 240, 12, 'mp4'])
    const info = await probe(movie.bytes)
    expect(info).toMatchObject({
      codec_name: 'h264',
      width: 300,
      height: 240,
      pix_fmt: 'yuv420p',
      nb_read_frames: '12',
      avg_frame_rate: '6/1',
    })
    expect(info.duration).toBeCloseTo(2, 1)
    // +faststart: the index (moov) precedes the media data (mdat).
    expect(movie.bytes.indexOf('moov')).toBeLessThan(movie.bytes.indexOf('mdat'))
    keep('day_movie.mp4', movie.bytes)
  })

  it('star_movie: a stamp sequence, enlarged', async () => {
    const stamps = Array.from({ length: 10 }, (_, i) => gaussianStamp(25, 2 + 0.1 * i))
    const movie = await renderImageSequenceMovie(stamps, { upscale: 8, fps: 5 })
    const info = await probe(movie.bytes)
    expect(info).toMatchObject({ width: 200, height: 200, nb_read_frames: '10' })
  })

  it('says clearly when ffmpeg is missing or fails', async () => {
    const frame = (await renderDetectorImage({ width: 20, height: 20, pixels: starField(20, 20, 1) })).bytes
    await expect(encodeMovie([frame], { ffmpegPath: '/nonexistent/ffmpeg' })).rejects.toThrow(
      /RA_PRODUCTS_FFMPEG_MISSING.*install the Debian package ffmpeg/,
    )
    await expect(encodeMovie([frame], { ffmpegPath: 'false' })).rejects.toThrow(
      /RA_PRODUCTS_FFMPEG_FAILED: false exited with 1/,
    )
    await expect(encodeMovie([frame, Buffer.from('not an image')])).rejects.toThrow(
      /RA_PRODUCTS_BAD_INPUT: frame 1 is not a JPEG/,
    )
    await expect(encodeMovie([])).rejects.toThrow(/RA_PRODUCTS_BAD_INPUT/)
  })
})

// ----------------------------------------------------------------------------
// MOSAIC_POST_ISR one-off: the focal-plane mosaic of an exposure's binned
// post-ISR images. The head node queues it when the exposure's SFM detectors
// have all finished or failed (with step1b, from the same GatherReady), so every
// image that will ever exist is in scratch. Detectors dispatched but without an
// image (failed) are drawn blank; the images are found by listing the
// exposure's scratch folder, so the binning of each is read from its key.
// ----------------------------------------------------------------------------
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { detectorById, detectorByName, parseS3Key } from '@rubin/ra-contract'
import { readFits } from '@rubin/ra-fits'
import { type BinnedImage, renderFocalPlaneMosaic } from '@rubin/ra-products'
import { isTransientError, readObject } from '@rubin/ra-runtime'
import type { PipelineResult, PipelineRunner } from '../types.ts'
import { eventKey, exposureOf, failure, POST_ISR_PRODUCT, QuicklookRunError, scratchKey } from './common.ts'
import type { QuicklookDeps } from './deps.ts'

/** Scratch keys of the exposure's binned post-ISR images. */
async function scratchKeys(deps: QuicklookDeps, exposure: number): Promise<string[]> {
  const sample = scratchKey(deps, exposure, 'R22_S11', 1)
  const prefix = sample.slice(0, sample.lastIndexOf('/') + 1)
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await deps.s3.send(
      new ListObjectsV2Command({ Bucket: deps.productBucket, Prefix: prefix, ContinuationToken: token }),
    )
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token !== undefined)
  return keys
}

async function loadImage(deps: QuicklookDeps, key: string): Promise<BinnedImage | undefined> {
  const parsed = parseS3Key(key)
  if (!parsed.ok || parsed.value.kind !== 'scratchBinnedImage') return undefined
  const fields = parsed.value
  if (fields.dataProduct !== POST_ISR_PRODUCT || fields.instrument !== deps.instrument) return undefined
  const detector = detectorByName(deps.instrument, fields.detectorName)
  const object = await readObject(deps.s3, deps.productBucket, key)
  if (detector === undefined || object === undefined) return undefined
  const hdu = readFits(object.body).hdus.find((h) => h.hasImage)
  if (hdu === undefined) return undefined
  const image = hdu.image()
  return {
    detector: detector.id,
    width: image.width,
    height: image.height,
    pixels: hdu.toFloat32(),
    binning: fields.binSize,
  }
}

/** Detectors of this exposure's SFM branch in a gather set: dispatched, ended (finished or failed), failed. */
async function detectorsIn(
  deps: QuicklookDeps,
  exposure: number,
  set: 'expectedDetectors' | 'finishedDetectors' | 'failedDetectors',
): Promise<number[]> {
  const key = deps.redis.keys.key(set, { instrument: deps.instrument, who: 'SFM', processingId: String(exposure) })
  return (await deps.redis.client.smembers(key)).map(Number).filter(Number.isInteger)
}

/**
 * Finished detectors whose image is not listed yet: step1a spooled it through an S3 outage and
 * its upload is still to come. The mosaic waits for them (a retryable failure) rather than
 * drawing a hole where an image will be.
 */
async function pendingImages(deps: QuicklookDeps, exposure: number, keys: readonly string[]): Promise<string[]> {
  const listed = new Set(
    keys
      .map((key) => parseS3Key(key))
      .flatMap((p) => (p.ok && p.value.kind === 'scratchBinnedImage' ? [p.value.detectorName] : [])),
  )
  const failed = new Set(await detectorsIn(deps, exposure, 'failedDetectors'))
  // 'finishedDetectors' holds every detector that ended; the failed ones have no image.
  return (await detectorsIn(deps, exposure, 'finishedDetectors'))
    .filter((id) => !failed.has(id))
    .map((id) => detectorById(deps.instrument, id)?.name)
    .filter((name): name is string => name !== undefined && !listed.has(name))
}

export function mosaicRunner(deps: QuicklookDeps): PipelineRunner {
  return {
    describe: 'quicklook:mosaic-post-isr',
    async run(payload, context): Promise<PipelineResult> {
      try {
        const { exposure } = exposureOf(payload)
        const keys = await scratchKeys(deps, exposure)
        const pending = await pendingImages(deps, exposure, keys)
        if (pending.length > 0) {
          const reason = `RA_WORKER_MOSAIC_IMAGES_PENDING: ${pending.length} finished detectors' images of exposure ${exposure} are not in S3 yet (${pending.slice(0, 5).join(', ')}…)`
          return { outcome: 'failed', reason, retryable: true }
        }
        const images: BinnedImage[] = []
        for (const key of keys) {
          context.signal.throwIfAborted()
          const image = await loadImage(deps, key).catch((error: unknown) => {
            if (isTransientError(error)) throw error
            context.logger.warn(
              { key, err: (error as Error).message },
              'unreadable binned image: left out of the mosaic',
            )
            return undefined
          })
          if (image !== undefined) images.push(image)
        }
        if (images.length === 0) {
          throw new QuicklookRunError('RA_WORKER_MOSAIC_NO_IMAGES', `no binned post-ISR image of exposure ${exposure}`)
        }
        const expected = await detectorsIn(deps, exposure, 'expectedDetectors')
        const rendered = await renderFocalPlaneMosaic(images, {
          instrument: deps.instrument,
          ...(expected.length > 0 ? { expected } : {}),
          format: 'jpeg',
        })
        const key = eventKey(deps, 'focal_plane_mosaic', exposure, rendered.ext)
        await deps.products.put({ key, body: rendered.bytes, contentType: rendered.mimeType })
        context.logger.info({ exposure, images: images.length, expected: expected.length }, 'mosaic uploaded')
        return { outcome: 'finished', outputs: [key] }
      } catch (error) {
        if (context.signal.aborted) throw error
        return failure(error)
      }
    },
  }
}

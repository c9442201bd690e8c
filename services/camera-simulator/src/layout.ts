// The simulator's view of a detector's amplifiers: the contract layout, optionally binned
// (every box divided by the binning) so system tests can make small but well-formed raws.
import { type Detector, type PixelBox, type SensorLayout, sensorLayoutOf } from '@rubin/ra-contract'

const div = (box: PixelBox, b: number): PixelBox => ({
  x: Math.floor(box.x / b),
  y: Math.floor(box.y / b),
  width: Math.floor(box.width / b),
  height: Math.floor(box.height / b),
})

/** The contract layout with every box divided by `binning` (1: unchanged). Amplifiers still tile exactly. */
export function binnedLayout(detector: Detector, binning: number): SensorLayout {
  const layout = sensorLayoutOf(detector)
  if (binning === 1) return layout
  if (!Number.isInteger(binning) || binning < 1 || binning > 64) {
    throw new RangeError(`binning must be an integer 1..64; got ${binning}`)
  }
  const amplifiers = layout.amplifiers.map((amp) => {
    const data = div(amp.rawDataBBox, binning)
    const pre = div(amp.rawSerialPrescanBBox, binning)
    const over = div(amp.rawSerialOverscanBBox, binning)
    const parallel = div(amp.rawParallelOverscanBBox, binning)
    const rawWidth = pre.width + data.width + over.width
    const rawHeight = data.height + parallel.height
    return {
      ...amp,
      rawBBox: { x: 0, y: 0, width: rawWidth, height: rawHeight },
      rawSerialPrescanBBox: { x: 0, y: 0, width: pre.width, height: data.height },
      rawDataBBox: { x: pre.width, y: 0, width: data.width, height: data.height },
      rawSerialOverscanBBox: { x: pre.width + data.width, y: 0, width: over.width, height: data.height },
      rawParallelPrescanBBox: { x: 0, y: 1, width: 0, height: 0 },
      rawParallelOverscanBBox: { x: pre.width, y: data.height, width: data.width, height: parallel.height },
      bbox: { x: amp.ix * data.width, y: amp.iy * data.height, width: data.width, height: data.height },
    }
  })
  const width = Math.max(...amplifiers.map((a) => a.bbox.x + a.bbox.width))
  const height = Math.max(...amplifiers.map((a) => a.bbox.y + a.bbox.height))
  return { physicalType: layout.physicalType, width, height, amplifiers }
}

// ----------------------------------------------------------------------------
// Every kind of S3 object key RA writes, declared once as data. The template is
// the documentation and the implementation: builders, parsers, regexes and the
// TypeScript types of parsed keys are all derived from it (./template.ts).
//
// `rubintv` is how RubinTV v2 must read keys of this kind (./rubintv-v2.ts);
// null for objects RubinTV never lists. `fixed` are fields a kind's template
// spells literally. Order matters only for speed: kinds with more literal text
// are tried first.
//
// Scratch binned images keep today's layout although it is odd (undashed date,
// unpadded seq, the whole data id repeated in the file name): old and new mosaic
// pods list the same prefix during a migration, so a cleaner layout would need
// a dual-read period and buys nothing RubinTV can see.
// ----------------------------------------------------------------------------
import type { FieldCodec, PLACEHOLDERS, PlaceholderName } from './fields.ts'
import type { RubintvV2Route } from './rubintv-v2.ts'

export interface KeyKindSpec {
  readonly kind: string
  readonly template: string
  readonly fixed: Readonly<Record<string, string>>
  readonly rubintv: RubintvV2Route | null
  readonly description: string
  /** A real key of this kind, as today's RA writes it. Tested to parse and rebuild. */
  readonly example: string
}

export const KEY_KINDS = [
  {
    kind: 'metadata',
    template: '{camera}/{date}/metadata.json',
    fixed: { ext: 'json' },
    rubintv: 'metadata',
    description: 'The camera-day metadata table (one JSON object keyed by seq), rewritten whole on each change.',
    example: 'lsstcam/2025-12-03/metadata.json',
  },
  {
    kind: 'nightReportText',
    template: '{camera}/{date}/night_report/{camera}_night_report_{date}_md.json',
    fixed: { ext: 'json' },
    rubintv: 'nightReportText',
    description: "The night report's text blocks and links (JSON with keys like text_010).",
    example: 'auxtel/2024-06-24/night_report/auxtel_night_report_2024-06-24_md.json',
  },
  {
    kind: 'nightReportPlot',
    template: '{camera}/{date}/night_report/{group}/{camera}_night_report_{date}_{group}_{name}.{ext}',
    fixed: {},
    rubintv: 'nightReportPlot',
    description: 'One night-report plot; each group is a tab on the night-report page.',
    example: 'auxtel/2024-06-24/night_report/Photometry/auxtel_night_report_2024-06-24_Photometry_mag.png',
  },
  {
    kind: 'final',
    template: '{camera}/{date}/{channel}/final/{camera}_{channel}_{date}_final.{ext}',
    fixed: { seq: 'final' },
    rubintv: 'event',
    description: "A per-day product with no seq, e.g. the end-of-night movie ('final' sorts after every seq).",
    example: 'allsky/2025-12-03/movies/final/allsky_movies_2025-12-03_final.mp4',
  },
  {
    kind: 'event',
    template: '{camera}/{date}/{channel}/{seq}/{camera}_{channel}_{date}_{seq}.{ext}',
    fixed: {},
    rubintv: 'event',
    description: 'A per-seq product of one channel: plot, image or movie. seq is 0..999999 padded to 6 digits.',
    example: 'lsstcam/2025-12-03/focal_plane_mosaic/000123/lsstcam_focal_plane_mosaic_2025-12-03_000123.jpg',
  },
  {
    kind: 'scratchBinnedImage',
    template:
      '{scratchPrefix}/binnedImages/{dayObs}/{seqNum}/{dayObs}_{seqNum}_{instrument}_{dataProduct}_{detectorName}_binned_{binSize}.fits',
    fixed: { ext: 'fits' },
    rubintv: null,
    description: 'A binned per-detector image in the scratch prefix, read by the mosaic pod and deleted after 2 days.',
    example: 'rapidAnalysisScratch/binnedImages/20251203/123/20251203_123_LSSTCam_post_isr_image_R22_S11_binned_8.fits',
  },
  {
    kind: 'rawImage',
    template: '{instrument}/{dayObs}/{obsId}/{obsId}_{detectorName}.fits',
    fixed: { ext: 'fits' },
    rubintv: null,
    description: 'One detector of a raw exposure in the raw bucket or directory, laid out as the embargo bucket is.',
    example: 'LSSTCam/20250415/MC_O_20250415_000060/MC_O_20250415_000060_R22_S11.fits',
  },
  {
    kind: 'rawRecord',
    template: '{instrument}/{dayObs}/{obsId}/{obsId}.json',
    fixed: { ext: 'json' },
    rubintv: null,
    description:
      'The exposure record (an ExposureRecord message) beside the raws: what the butler registry would hold; its landing announces the exposure.',
    example: 'LSSTCam/20250415/MC_O_20250415_000060/MC_O_20250415_000060.json',
  },
] as const satisfies readonly KeyKindSpec[]

type KindSpec = (typeof KEY_KINDS)[number]
export type S3KeyKind = KindSpec['kind']

// ---- Types derived from the templates -------------------------------------

type Placeholders = typeof PLACEHOLDERS
type PlaceholdersIn<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? Extract<P, PlaceholderName> | PlaceholdersIn<Rest>
  : never
type ValueOf<P extends PlaceholderName> = Placeholders[P]['codec'] extends FieldCodec<infer V> ? V : never
type FieldsOf<T extends string> = { readonly [P in PlaceholdersIn<T> as Placeholders[P]['field']]: ValueOf<P> }
type Flatten<T> = { [K in keyof T]: T[K] }

type ParsedOf<K extends KindSpec> = Flatten<
  { readonly kind: K['kind'] } & FieldsOf<K['template']> & { readonly [F in keyof K['fixed']]: K['fixed'][F] }
>
type SpecOf<K extends KindSpec> = Flatten<
  { readonly kind: K['kind'] } & FieldsOf<K['template']> & { readonly [F in keyof K['fixed']]?: K['fixed'][F] }
>

/** A parsed key: a union discriminated by `kind`, with exactly the fields its template names. */
export type ParsedS3Key = KindSpec extends infer K ? (K extends KindSpec ? ParsedOf<K> : never) : never
/** What buildS3Key takes: a ParsedS3Key whose literal (fixed) fields may be left out. */
export type S3KeySpec = KindSpec extends infer K ? (K extends KindSpec ? SpecOf<K> : never) : never
export type ParsedS3KeyOf<K extends S3KeyKind> = Extract<ParsedS3Key, { readonly kind: K }>

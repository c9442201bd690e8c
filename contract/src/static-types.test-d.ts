// ----------------------------------------------------------------------------
// Type-level test, checked by `tsc` in ./ra test: the TypeBox static types the
// contract is authored with equal the types generated from the committed JSON
// Schemas. If a schema drifts from its generated type, this file stops compiling.
// ----------------------------------------------------------------------------
import type { Static } from '@sinclair/typebox'
import { expectTypeOf } from 'vitest'
import type * as Generated from '../generated/types.ts'
import type * as C from './index.ts'

expectTypeOf<Static<typeof C.ExposureRecord>>().toEqualTypeOf<Generated.ExposureRecord>()
expectTypeOf<Static<typeof C.Payload>>().toEqualTypeOf<Generated.Payload>()
expectTypeOf<Static<typeof C.ProcessPayload>>().toEqualTypeOf<Generated.ProcessPayload>()
expectTypeOf<Static<typeof C.RestartPayload>>().toEqualTypeOf<Generated.RestartPayload>()
expectTypeOf<Static<typeof C.DataId>>().toEqualTypeOf<Generated.DataId>()
expectTypeOf<Static<typeof C.WorkerStatusReport>>().toEqualTypeOf<Generated.WorkerStatusReport>()
expectTypeOf<Static<typeof C.ClusterStatusEntry>>().toEqualTypeOf<Generated.ClusterStatusEntry>()
expectTypeOf<Static<typeof C.ControlCommand>>().toEqualTypeOf<Generated.ControlCommand>()
expectTypeOf<Static<typeof C.ControlReadback>>().toEqualTypeOf<Generated.ControlReadback>()
expectTypeOf<Static<typeof C.MetadataShard>>().toEqualTypeOf<Generated.MetadataShard>()
expectTypeOf<Static<typeof C.MetadataTable>>().toEqualTypeOf<Generated.MetadataTable>()
expectTypeOf<Static<typeof C.MetadataRow>>().toEqualTypeOf<Generated.MetadataRow>()
expectTypeOf<Static<typeof C.MetadataCell>>().toEqualTypeOf<Generated.MetadataCell>()
expectTypeOf<Static<typeof C.NightReportText>>().toEqualTypeOf<Generated.NightReportText>()
expectTypeOf<Static<typeof C.ObjectWritten>>().toEqualTypeOf<Generated.ObjectWritten>()
expectTypeOf<Static<typeof C.GatherReady>>().toEqualTypeOf<Generated.GatherReady>()
expectTypeOf<Static<typeof C.PayloadTiming>>().toEqualTypeOf<Generated.PayloadTiming>()
expectTypeOf<Static<typeof C.BucketNotification>>().toEqualTypeOf<Generated.BucketNotification>()
expectTypeOf<Static<typeof C.Alarm>>().toEqualTypeOf<Generated.Alarm>()
expectTypeOf<Static<typeof C.DeadLetter>>().toEqualTypeOf<Generated.DeadLetter>()
expectTypeOf<Static<typeof C.CcdVisit1QuicklookRow>>().toEqualTypeOf<Generated.CcdVisit1QuicklookRow>()
expectTypeOf<Static<typeof C.Visit1QuicklookRow>>().toEqualTypeOf<Generated.Visit1QuicklookRow>()
expectTypeOf<Static<typeof C.ExposureQuicklookRow>>().toEqualTypeOf<Generated.ExposureQuicklookRow>()
expectTypeOf<Static<typeof C.LatissCcdVisit1QuicklookRow>>().toEqualTypeOf<Generated.LatissCcdVisit1QuicklookRow>()
expectTypeOf<Static<typeof C.LatissVisit1QuicklookRow>>().toEqualTypeOf<Generated.LatissVisit1QuicklookRow>()
expectTypeOf<Static<typeof C.LatissExposureQuicklookRow>>().toEqualTypeOf<Generated.LatissExposureQuicklookRow>()
expectTypeOf<Static<typeof C.CcdExposureQuicklookRow>>().toEqualTypeOf<Generated.CcdExposureQuicklookRow>()
expectTypeOf<Static<typeof C.LatissCcdExposureQuicklookRow>>().toEqualTypeOf<Generated.LatissCcdExposureQuicklookRow>()
expectTypeOf<Static<typeof C.ConsdbRowBatch>>().toEqualTypeOf<Generated.ConsdbRowBatch>()
expectTypeOf<Static<typeof C.RubinTvClientMessage>>().toEqualTypeOf<Generated.RubinTvClientMessage>()
expectTypeOf<Static<typeof C.RubinTvServerMessage>>().toEqualTypeOf<Generated.RubinTvServerMessage>()

// Identifier unions: the `as const` lists and the generated enums agree.
expectTypeOf<C.Pipeline>().toEqualTypeOf<Generated.Pipeline>()
expectTypeOf<C.FocalPlanePattern>().toEqualTypeOf<Generated.FocalPlanePattern>()
expectTypeOf<C.Camera>().toEqualTypeOf<Generated.Camera>()
expectTypeOf<C.ControlName>().toEqualTypeOf<Generated.ControlName>()

// The guard guards: a drifted type is not equal (this line must keep failing to compile).
// @ts-expect-error a Payload with an extra required field is not the generated Payload
expectTypeOf<Static<typeof C.Payload> & { extra: string }>().toEqualTypeOf<Generated.Payload>()

// Processing-control modes (SITCOMTN-100 "Processing control").
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const TimeMode = defineIdentifiers({
  name: 'TimeMode',
  description: 'How the focal-plane selection changes from one dispatched exposure to the next.',
  values: ['CONSTANT', 'ALTERNATING', 'ALTERNATING_BY_TWOS', 'ID_GUARANTEED'],
  docs: {
    CONSTANT: 'The same selection for every exposure.',
    ALTERNATING: 'Invert the imaging selection on every dispatched exposure.',
    ALTERNATING_BY_TWOS: 'Invert the imaging selection every second dispatched exposure.',
    ID_GUARANTEED: 'Constant, except that a named exposure always gets the full focal plane.',
  },
  // RubinTV's admin menu spells it ALTERNATING_IN_TWOS.
  aliases: { ALTERNATING_IN_TWOS: 'ALTERNATING_BY_TWOS' },
})
export type TimeMode = (typeof TimeMode.values)[number]

export const WorkerMode = defineIdentifiers({
  name: 'WorkerMode',
  description: 'How workers treat a backlog when new images arrive.',
  values: ['WAITING', 'CONSUMING', 'MURDEROUS'],
  docs: {
    WAITING: 'Process only the newest image; never work on backlog.',
    CONSUMING: 'Newest first, then drain the backlog when idle.',
    MURDEROUS: 'Like CONSUMING, but abandon in-progress backlog work when a new image lands (never current work).',
  },
})
export type WorkerMode = (typeof WorkerMode.values)[number]

// ----------------------------------------------------------------------------
// One WebSocket per browser tab. Frames are checked with the contract
// (RubinTvClientMessage) and topics against the registry before anything is
// subscribed; a bad frame gets an error frame with a stable code, never a crash.
// A client that cannot keep up is disconnected (it resumes on reconnect).
// ----------------------------------------------------------------------------
import {
  camerasAt,
  findChannel,
  formatIssues,
  LOCATIONS,
  type Location,
  type RubinTvServerMessage,
  type RubinTvTopic,
} from '@rubin/ra-contract'
import { validateReceived } from '@rubin/ra-contract/validate'
import type { WebSocket } from 'ws'
import type { Hub, Subscriber } from '../hub.ts'

/** Beyond this much unsent data the client is too slow: close, it resumes on reconnect. */
const MAX_BUFFERED = 8 * 1024 * 1024
const OPEN = 1

export function topicProblem(topic: RubinTvTopic, served: readonly Location[]): string | undefined {
  if (!served.includes(topic.location)) return `location '${topic.location}' is not served here`
  if (topic.kind === 'cameraTable' || topic.kind === 'currentChannel') {
    if (!camerasAt(topic.location).includes(topic.camera)) {
      return `camera '${topic.camera}' is not shown at '${topic.location}'`
    }
    if (topic.kind === 'currentChannel' && findChannel(topic.camera, topic.channel) === undefined) {
      return `camera '${topic.camera}' has no channel '${topic.channel}'`
    }
  }
  if (topic.kind === 'clusterStatus' && !LOCATIONS[topic.location].hasClusterStatus) {
    return `location '${topic.location}' has no cluster status`
  }
  return undefined
}

export function handleSocket(socket: WebSocket, hub: Hub, served: readonly Location[], onTopic?: () => void): void {
  const subscriber: Subscriber = {
    send(message: RubinTvServerMessage) {
      if (socket.readyState !== OPEN) return
      if (socket.bufferedAmount > MAX_BUFFERED) {
        socket.close(1013, 'too slow; reconnect and resume')
        return
      }
      socket.send(JSON.stringify(message))
    },
  }
  const error = (code: string, message: string, id?: string) =>
    subscriber.send({ type: 'error', code, message, ...(id === undefined ? {} : { id }) })

  socket.on('message', (raw) => {
    let value: unknown
    try {
      value = JSON.parse(String(raw))
    } catch {
      error('RUBINTV_BAD_FRAME', 'a frame must be JSON')
      return
    }
    const frame = validateReceived('RubinTvClientMessage', value)
    if (!frame.ok) {
      error('RUBINTV_BAD_FRAME', `not a RubinTvClientMessage: ${formatIssues(frame.issues)}`)
      return
    }
    const message = frame.value
    switch (message.type) {
      case 'ping':
        subscriber.send({ type: 'pong', at: new Date().toISOString() })
        return
      case 'unsubscribe':
        hub.unsubscribe(subscriber, message.id)
        return
      case 'subscribe': {
        const problem = topicProblem(message.topic, served)
        if (problem !== undefined) {
          error('RUBINTV_UNKNOWN_TOPIC', problem, message.id)
          return
        }
        hub.subscribe(subscriber, message.id, message.topic, message.resume)
        onTopic?.()
        return
      }
    }
  })
  socket.on('close', () => hub.drop(subscriber))
}

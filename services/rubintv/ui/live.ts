/// <reference lib="dom" />
// The live connection: one WebSocket, subscriptions by id, automatic reconnect
// with resume (each subscription remembers the epoch and version it last saw).
import type { RubinTvServerMessage, RubinTvTopic } from '@rubin/ra-contract'

type Handler = (message: RubinTvServerMessage) => void

interface Sub {
  readonly topic: RubinTvTopic
  readonly handler: Handler
  epoch?: string
  version?: number
}

class Live {
  readonly #subs = new Map<string, Sub>()
  #ws: WebSocket | undefined
  #delay = 250
  #nextId = 1

  #status(online: boolean) {
    const badge = document.getElementById('live')
    if (badge === null) return
    badge.textContent = online ? 'live' : 'offline'
    badge.className = online ? 'live on' : 'live off'
  }

  #connect() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
    const ws = new WebSocket(url)
    this.#ws = ws
    ws.addEventListener('open', () => {
      this.#delay = 250
      this.#status(true)
      for (const [id, sub] of this.#subs) this.#send(id, sub)
    })
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as RubinTvServerMessage
      if (message.type === 'pong') return
      const id = 'id' in message ? message.id : undefined
      const sub = id === undefined ? undefined : this.#subs.get(id)
      if (message.type === 'error') console.warn('rubintv:', message.code, message.message)
      if (sub === undefined) return
      if (message.type === 'snapshot' || message.type === 'delta' || message.type === 'resumed') {
        sub.epoch = message.epoch
        sub.version = message.version
      }
      sub.handler(message)
    })
    ws.addEventListener('close', () => {
      this.#status(false)
      this.#ws = undefined
      setTimeout(() => this.#connect(), this.#delay)
      this.#delay = Math.min(this.#delay * 2, 5000)
    })
  }

  #send(id: string, sub: Sub) {
    if (this.#ws?.readyState !== WebSocket.OPEN) return
    const resume =
      sub.epoch !== undefined && sub.version !== undefined ? { epoch: sub.epoch, version: sub.version } : undefined
    this.#ws.send(JSON.stringify({ type: 'subscribe', id, topic: sub.topic, ...(resume ? { resume } : {}) }))
  }

  subscribe(topic: RubinTvTopic, handler: Handler): string {
    const id = `s${this.#nextId++}`
    const sub: Sub = { topic, handler }
    this.#subs.set(id, sub)
    if (this.#ws === undefined) this.#connect()
    else this.#send(id, sub)
    return id
  }
}

export const live = new Live()

// Request bodies. Clients that sign the payload in chunks (SigV4 streaming, and the
// unsigned-payload-with-trailer mode newer AWS SDKs use for checksums) send it in
// `aws-chunked` framing: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0…\r\n`
// then optional trailers. The object is the concatenated chunk bytes.
import type { IncomingMessage } from 'node:http'

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  const raw = Buffer.concat(parts)
  return isAwsChunked(request) ? decodeAwsChunked(raw) : raw
}

function isAwsChunked(request: IncomingMessage): boolean {
  const sha = String(request.headers['x-amz-content-sha256'] ?? '')
  const encoding = String(request.headers['content-encoding'] ?? '')
  return sha.startsWith('STREAMING-') || encoding.split(',').some((e) => e.trim() === 'aws-chunked')
}

export function decodeAwsChunked(raw: Buffer): Buffer {
  const out: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol < 0) throw new Error('aws-chunked body: a chunk header has no CRLF')
    const header = raw.toString('latin1', at, eol)
    const size = Number.parseInt(header.split(';')[0] as string, 16)
    if (!Number.isFinite(size) || size < 0) throw new Error(`aws-chunked body: bad chunk size '${header}'`)
    at = eol + 2
    if (size === 0) return Buffer.concat(out)
    if (at + size > raw.length) throw new Error('aws-chunked body: truncated chunk')
    out.push(raw.subarray(at, at + size))
    at += size + 2
  }
}

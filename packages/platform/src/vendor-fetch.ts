import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export interface FetchResult {
  /** HTTP status; 0 when no response arrived (DNS, refused, TLS, timeout). */
  status: number;
  statusText: string;
  body?: Buffer;
  /** The URL that answered, after redirects. */
  url?: string;
  /** The body was larger than the limit asked for: it was not read to the end (no body). */
  tooLarge?: boolean;
  /** Why no response arrived. */
  error?: string;
}

export interface SyncFetcher {
  /** GET url; a body over maxBytes is not read on (tooLarge), so an endless download stops at the limit. */
  get(url: string, maxBytes: number): FetchResult;
  close(): void;
}

// Plain JavaScript (not compiled), so the worker runs the same from dist/ and under tsx.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { signal, port, timeoutMs } = workerData;
port.on('message', async ({ url, maxBytes }) => {
  let res;
  try {
    const r = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    res = { status: r.status, statusText: r.statusText, url: r.url };
    if (r.ok) {
      const chunks = [];
      let total = Number(r.headers.get('content-length')) || 0;
      if (total <= maxBytes && r.body) {
        total = 0;
        for await (const c of r.body) {
          total += c.byteLength;
          if (total > maxBytes) break;
          chunks.push(c);
        }
      }
      if (total > maxBytes) {
        res.tooLarge = true;
        r.body?.cancel().catch(() => {});
      } else res.body = new Uint8Array(Buffer.concat(chunks));
    }
  } catch (e) {
    const cause = e && e.cause ? e.cause.message || e.cause.code : undefined;
    res = { status: 0, statusText: '', error: e && e.name === 'TimeoutError' ? 'timed out after ' + timeoutMs / 1000 + 's' : cause || (e && e.message) || String(e) };
  }
  port.postMessage(res);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/**
 * Blocking HTTP GET for the synchronous CLI: Node's fetch runs in a worker thread and the caller
 * waits on a shared flag, so commands keep their `run(): number` shape. One request at a time.
 */
export function syncFetcher(timeoutMs = 120_000): SyncFetcher {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { signal, port: port2, timeoutMs }, transferList: [port2 as MessagePort] });
  worker.unref();
  return {
    get(url, maxBytes) {
      Atomics.store(signal, 0, 0);
      port1.postMessage({ url, maxBytes });
      if (Atomics.wait(signal, 0, 0, timeoutMs + 10_000) === 'timed-out') return { status: 0, statusText: '', error: 'no answer from the download worker' };
      const msg = receiveMessageOnPort(port1)?.message as (FetchResult & { body?: Uint8Array }) | undefined;
      if (!msg) return { status: 0, statusText: '', error: 'no answer from the download worker' };
      return { ...msg, body: msg.body ? Buffer.from(msg.body.buffer, msg.body.byteOffset, msg.body.byteLength) : undefined };
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}

import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON when it is JSON, else its text. */
  body: any;
  text: string;
}

/**
 * Sends bytes to the server exactly as given, over a plain TCP socket: fetch and node:http
 * refuse invalid header bytes and normalise paths, which is what these tests need to send.
 * The request should say `Connection: close`; the answer is read until the server closes.
 * `halfClose` also ends our side after writing, which a server may take as an aborted request.
 */
export function sendRawRequest(baseUrl: string, request: Buffer | string, options: { halfClose?: boolean; timeoutMs?: number } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) return reject(error);
      try {
        resolve(parseRawResponse(Buffer.concat(chunks)));
      } catch (parseError) {
        reject(parseError);
      }
    };
    const socket = net.connect(Number(port), hostname, () => (options.halfClose ? socket.end(request) : socket.write(request)));
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we still write; what it answered before counts.
      settle(chunks.length > 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE') ? undefined : error);
    });
    socket.on('end', () => {
      settle();
      socket.end();
    });
    socket.on('close', () => settle());
  });
}

export function parseRawResponse(bytes: Buffer): RawResponse {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP response, the connection was closed after: ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let payload = bytes.subarray(end + 4);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') payload = decodeChunked(payload);
  const text = payload.toString('utf8');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text is kept for the assertion message
  }
  return { status, headers, body, text };
}

function decodeChunked(payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = payload.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(payload.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Builds a request from header lines that may hold any bytes; adds Host, Connection: close and Content-Length. */
export function rawRequest(requestLine: string, headers: Array<string | Buffer>, body: Buffer | string = ''): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines: Buffer[] = [Buffer.from(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n`, 'latin1')];
  for (const header of headers) lines.push(typeof header === 'string' ? Buffer.from(header, 'latin1') : header, Buffer.from('\r\n'));
  if (payload.length > 0) lines.push(Buffer.from(`Content-Length: ${payload.length}\r\n`));
  lines.push(Buffer.from('\r\n'), payload);
  return Buffer.concat(lines);
}

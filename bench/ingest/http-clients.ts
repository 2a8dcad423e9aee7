import http from 'node:http';

/** Posts one pre-serialized body and resolves with the status once the response has been read. */
export interface PostClient {
  readonly kind: ClientKind;
  post(path: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<number>;
  close(): Promise<void>;
}

export const CLIENT_KINDS = ['http', 'fetch'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export function createClient(kind: ClientKind, origin: string, connections: number): PostClient {
  return kind === 'http' ? nodeHttpClient(origin, connections) : fetchClient(origin);
}

/** node:http with one keep-alive socket per concurrent client: the cheapest client Node has built in. */
function nodeHttpClient(origin: string, connections: number): PostClient {
  const { hostname, port } = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const discard = () => {};
  return {
    kind: 'http',
    post(path, headers, body) {
      return new Promise<number>((resolve, reject) => {
        const request = http.request({ agent, hostname, port, path, method: 'POST', headers }, (response) => {
          response.on('data', discard);
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end(body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}

/** Node's built-in fetch (undici inside, its global keep-alive pool); the undici package itself is not a dependency. */
function fetchClient(origin: string): PostClient {
  return {
    kind: 'fetch',
    async post(path, headers, body) {
      const response = await fetch(origin + path, { method: 'POST', headers: headers as Record<string, string>, body: body as unknown as BodyInit });
      await response.arrayBuffer();
      return response.status;
    },
    async close() {},
  };
}

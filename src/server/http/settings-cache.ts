import type { Kysely } from 'kysely';
import type { EmailSettings } from '../../common/api/settings';
import { getEmailSettings } from '../store/organizations';
import type { Database } from '../store/schema';

/**
 * Email settings read on every track, cached per organisation for a moment. A change through
 * this server's API is seen at once; one made by the CLI or another server within `ttlMs`.
 */
export class SettingsCache {
  private readonly entries = new Map<string, { settings: EmailSettings; expires: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 2000,
  ) {}

  async get(orgId: string): Promise<EmailSettings> {
    const cached = this.entries.get(orgId);
    if (cached && cached.expires > Date.now()) return cached.settings;
    const settings = await getEmailSettings(this.db, orgId);
    this.entries.set(orgId, { settings, expires: Date.now() + this.ttlMs });
    return settings;
  }

  invalidate(orgId: string): void {
    this.entries.delete(orgId);
  }
}

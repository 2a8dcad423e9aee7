import type { RecordRef, RecordType } from '../../common/api/primitives';

/**
 * The value of the draft's "track when sent" custom property (TRACK_ON_SEND_PROPERTY), the one
 * format the task pane writes and the send handler reads: absent is off, `{}` is on,
 * `{"regarding":{type,id}}` is on with a record. A bare `{type,id}` (drafts marked by an earlier
 * build) is read as a regarding too; text that is not JSON is on, without a regarding.
 */
export interface TrackOnSend { on: boolean; regarding: RecordRef | null }

// Not imported from common/api/primitives: that module would bring the schema library into the event bundle.
const RECORD_TYPES: readonly string[] = ['contact', 'account', 'lead', 'opportunity', 'case'] satisfies RecordType[];

function recordRefOf(value: unknown): RecordRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, id } = value as { type?: unknown; id?: unknown };
  if (typeof type !== 'string' || RECORD_TYPES.indexOf(type) < 0 || typeof id !== 'string' || !id) return null;
  return { type: type as RecordType, id };
}

export function parseTrackOnSend(value: string | null): TrackOnSend {
  if (value === null || value === '') return { on: false, regarding: null };
  try {
    const parsed = JSON.parse(value) as { regarding?: unknown } | null;
    return { on: true, regarding: recordRefOf(parsed?.regarding) ?? recordRefOf(parsed) };
  } catch {
    return { on: true, regarding: null };
  }
}

/** The property's value for a choice; null (remove the property) when off. */
export function serializeTrackOnSend(value: TrackOnSend): string | null {
  if (!value.on) return null;
  return JSON.stringify(value.regarding ? { regarding: { type: value.regarding.type, id: value.regarding.id } } : {});
}

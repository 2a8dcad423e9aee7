import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CrmRecord } from '../../common/api/record';
import type { RecordType } from '../../common/api/primitives';
import { describeError } from '../api/api-problem';
import { useSession } from '../session';

export interface PickedRecord {
  type: RecordType;
  id: string;
  name: string;
}

/** Type a few letters, pick a contact, account, lead, opportunity or case. */
export function RecordPicker({ label, value, onChange }: { label: string; value: PickedRecord | null; onChange(record: PickedRecord | null): void }) {
  const { api } = useSession();
  const [text, setText] = useState(value?.name ?? '');
  const [records, setRecords] = useState<CrmRecord[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => setText(value?.name ?? ''), [value]);

  useEffect(() => {
    const search = text.trim();
    if (!search || search === value?.name) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api.records({ search, limit: 10 }).then(
        (list) => current && (setRecords(list.records), setError(undefined)),
        (e: unknown) => current && setError(describeError(e)),
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, text, value]);

  return (
    <Field label={label} validationMessage={error} validationState={error ? 'error' : 'none'}>
      <Combobox
        freeform
        placeholder="Any record"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (!event.target.value.trim()) onChange(null);
        }}
        onOptionSelect={(_event, data) => {
          const record = records.find((r) => r.id === data.optionValue);
          onChange(record ? { type: record.type, id: record.id, name: record.name } : null);
        }}
      >
        {records.map((record) => (
          <Option key={record.id} value={record.id} text={record.name}>
            {`${record.name} (${record.type})`}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { RECORD_TYPES, type RecordType } from '../../common/api/primitives';
import { RECORD_TYPE_LABELS } from '../../common/record-type-labels';
import { describeError, fieldError, isFieldError } from '../api/api-problem';
import { ErrorBar } from '../components/error-bar';
import { formatDateTime } from '../components/format';
import { useFormStyles } from '../components/form-layout';
import { LoadStatus } from '../components/load-status';
import { PageHeading } from '../components/page-heading';
import { type ImportProgress, type ImportReport, importRecordsCsv } from '../records/import-records';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  file: { fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300 },
  code: { fontFamily: tokens.fontFamilyMonospace },
});


/** Regarding records: search them, create one, or import many from CSV. */
export function RecordsPage() {
  const styles = useStyles();
  return (
    <>
      <PageHeading title="Records">Records</PageHeading>
      <section className={styles.section} aria-labelledby="records-search">
        <h2 id="records-search" className={styles.h2}>
          Find records
        </h2>
        <RecordSearch />
      </section>
      <section className={styles.section} aria-labelledby="records-create">
        <h2 id="records-create" className={styles.h2}>
          Create a record
        </h2>
        <CreateRecordForm />
      </section>
      <section className={styles.section} aria-labelledby="records-import">
        <h2 id="records-import" className={styles.h2}>
          Import from CSV
        </h2>
        <CsvImport />
      </section>
    </>
  );
}

function RecordSearch() {
  const formStyles = useFormStyles();
  const { api } = useSession();
  const [draft, setDraft] = useState({ search: '', type: '' as '' | RecordType });
  const [applied, setApplied] = useState(draft);
  const list = useLoader(() => api.records({ search: applied.search.trim() || undefined, type: applied.type || undefined, limit: 100 }), [api, applied]);

  return (
    <>
      <form
        className={formStyles.row}
        role="search"
        aria-label="Find records"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(draft);
        }}
      >
        <Field label="Name or address">
          <Input type="search" value={draft.search} onChange={(_e, data) => setDraft({ ...draft, search: data.value })} />
        </Field>
        <Field label="Type">
          <Select value={draft.type} onChange={(_e, data) => setDraft({ ...draft, type: data.value as '' | RecordType })}>
            <option value="">Any type</option>
            {RECORD_TYPES.map((type) => (
              <option key={type} value={type}>
                {RECORD_TYPE_LABELS[type]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" appearance="primary">
          Find
        </Button>
      </form>
      <LoadStatus loaded={list} errorTitle="The search failed" loadingLabel="Searching…" />
      {list.data &&
        (list.data.records.length === 0 ? (
          <Text role="status">No record matches.</Text>
        ) : (
          <Table aria-label="Records found" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Email addresses</TableHeaderCell>
                <TableHeaderCell>Created</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.records.map((record) => (
                <TableRow key={record.id}>
                  <TableCell>{record.name}</TableCell>
                  <TableCell>{RECORD_TYPE_LABELS[record.type]}</TableCell>
                  <TableCell>{record.emails.join(', ') || '—'}</TableCell>
                  <TableCell>{formatDateTime(record.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
    </>
  );
}

function CreateRecordForm() {
  const formStyles = useFormStyles();
  const { api } = useSession();
  const [type, setType] = useState<RecordType>('contact');
  const [name, setName] = useState('');
  const [emails, setEmails] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setCreated(undefined);
    setNameMissing(!name.trim());
    if (!name.trim()) return;
    setBusy(true);
    try {
      const record = await api.createRecord({ type, name: name.trim(), emails: emails.split(/[\s,;]+/).filter(Boolean) });
      setCreated(`${RECORD_TYPE_LABELS[record.type]} "${record.name}" created.`);
      setName('');
      setEmails('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={formStyles.form} onSubmit={submit} aria-label="Create a record" noValidate>
      <div className={formStyles.row}>
        <Field label="Type" validationMessage={fieldError(error, 'type')}>
          <Select value={type} onChange={(_e, data) => setType(data.value as RecordType)}>
            {RECORD_TYPES.map((t) => (
              <option key={t} value={t}>
                {RECORD_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name" required validationMessage={nameMissing ? 'Enter a name.' : fieldError(error, 'name')}>
          <Input value={name} onChange={(_e, data) => setName(data.value)} />
        </Field>
        <Field label="Email addresses" hint="Separated by commas, semicolons or spaces" validationMessage={fieldError(error, 'emails')}>
          <Input value={emails} onChange={(_e, data) => setEmails(data.value)} />
        </Field>
      </div>
      {created && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{created}</MessageBarBody>
        </MessageBar>
      )}
      {error !== undefined && !isFieldError(error, ['type', 'name', 'emails']) && <ErrorBar error={error} title="Not created" />}
      <div className={formStyles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Create record
        </Button>
      </div>
    </form>
  );
}

function CsvImport() {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const { api } = useSession();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<ImportProgress>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(new Error('Choose a CSV file first.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await importRecordsCsv(api, await file.text(), setProgress));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const fraction = progress && progress.totalChunks > 0 ? progress.doneChunks / progress.totalChunks : 0;
  return (
    <form className={formStyles.form} onSubmit={submit} aria-label="Import records from CSV" noValidate>
      <Text>
        The first row names the columns <span className={styles.code}>type,name,emails</span>; emails are separated by <span className={styles.code}>;</span> or spaces.
        Large files are sent 500 rows at a time.
      </Text>
      <Field label={{ children: 'CSV file', htmlFor: fileId }} validationMessage={error ? describeError(error) : undefined}>
        <input
          id={fileId}
          className={styles.file}
          type="file"
          accept=".csv,text/csv"
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            setFile(event.target.files?.[0] ?? null);
            setReport(undefined);
            setProgress(undefined);
          }}
        />
      </Field>
      {progress && (
        <Field
          label="Import progress"
          validationState="none"
          validationMessage={`${progress.doneRows} of ${progress.totalRows} rows sent (part ${progress.doneChunks} of ${progress.totalChunks})`}
        >
          <ProgressBar value={fraction} max={1} thickness="large" />
        </Field>
      )}
      {report && (
        <div role="status">
          <MessageBar intent={report.errors.length === 0 ? 'success' : 'warning'}>
            <MessageBarBody>
              Imported {report.imported} of {report.totalRows} rows.
              {report.errors.length > 0 && ` ${report.errors.length} row${report.errors.length === 1 ? ' was' : 's were'} not imported; see below.`}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {report && report.errors.length > 0 && (
        <Table aria-label="Rows not imported" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Line</TableHeaderCell>
              <TableHeaderCell>Problem</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.errors.map((rowError, index) => (
              <TableRow key={`${rowError.line}-${index}`}>
                <TableCell>{rowError.line}</TableCell>
                <TableCell>{rowError.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className={formStyles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </Button>
      </div>
    </form>
  );
}

import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { EmailDetail } from '../../common/api/email';
import { ErrorBar } from '../components/error-bar';
import { formatAddress, formatBytes, formatDateTime } from '../components/format';
import { CORRELATION_EXPLANATIONS } from '../components/method-labels';
import { PageHeading } from '../components/page-heading';
import { SafeEmailBody } from '../email-body/safe-email-body';
import { RouterLink } from '../router';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const SOURCE_LABELS = { manual: 'Tracked by hand', 'auto-send': 'Automatically, on send', 'auto-read': 'Automatically, when read', bulk: 'Bulk track' } as const;

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: `${tokens.spacingVerticalL} 0` },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  section: { marginBottom: tokens.spacingVerticalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

const addresses = (list: EmailDetail['to']) => (list.length === 0 ? '—' : list.map(formatAddress).join(', '));

/** One tracked email: participants, correlation, regarding, trackers, notices, attachments and its body. */
export function EmailViewPage({ id }: { id: string }) {
  const styles = useStyles();
  const { api } = useSession();
  const loaded = useLoader(() => api.email(id), [api, id]);
  const email = loaded.data;

  if (!email) {
    return (
      <>
        <PageHeading title="Tracked email">Tracked email</PageHeading>
        <ErrorBar error={loaded.error} title="The email could not be loaded" />
        {loaded.loading && <Spinner label="Loading the email…" />}
      </>
    );
  }

  const subject = email.subject || '(no subject)';
  return (
    <>
      <PageHeading title={subject}>{subject}</PageHeading>
      <Text>
        <RouterLink href="/admin/emails">All tracked email</RouterLink>
      </Text>
      <dl className={styles.facts}>
        <dt className={styles.term}>From</dt>
        <dd className={styles.detail}>{formatAddress(email.from)}</dd>
        <dt className={styles.term}>To</dt>
        <dd className={styles.detail}>{addresses(email.to)}</dd>
        {email.cc.length > 0 && (
          <>
            <dt className={styles.term}>Cc</dt>
            <dd className={styles.detail}>{addresses(email.cc)}</dd>
          </>
        )}
        {email.bcc.length > 0 && (
          <>
            <dt className={styles.term}>Bcc</dt>
            <dd className={styles.detail}>{addresses(email.bcc)}</dd>
          </>
        )}
        <dt className={styles.term}>Direction</dt>
        <dd className={styles.detail}>{email.direction === 'incoming' ? 'Incoming' : 'Outgoing'}</dd>
        <dt className={styles.term}>{email.direction === 'incoming' ? 'Received' : 'Sent'}</dt>
        <dd className={styles.detail}>{formatDateTime(email.receivedAt ?? email.sentAt)}</dd>
        <dt className={styles.term}>Regarding</dt>
        <dd className={styles.detail}>{email.regarding ? `${email.regarding.name} (${email.regarding.type})` : 'Not set'}</dd>
        <dt className={styles.term}>Correlation</dt>
        <dd className={styles.detail}>
          {email.correlationMethod}: {CORRELATION_EXPLANATIONS[email.correlationMethod]}
        </dd>
        <dt className={styles.term}>Message-ID</dt>
        <dd className={styles.detail}>{email.internetMessageId ?? '—'}</dd>
        {email.trackingToken && (
          <>
            <dt className={styles.term}>Tracking token</dt>
            <dd className={styles.detail}>{email.trackingToken}</dd>
          </>
        )}
      </dl>

      {email.notices.length > 0 && (
        <section className={styles.section} aria-labelledby="email-notices">
          <h2 id="email-notices" className={styles.h2}>
            Notices
          </h2>
          {email.notices.map((notice, index) => (
            <MessageBar key={index} intent="warning">
              <MessageBarBody>{notice.message}</MessageBarBody>
            </MessageBar>
          ))}
        </section>
      )}

      <section className={styles.section} aria-labelledby="email-trackers">
        <h2 id="email-trackers" className={styles.h2}>
          Trackers
        </h2>
        <Table aria-labelledby="email-trackers" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell>Direction</TableHeaderCell>
              <TableHeaderCell>How</TableHeaderCell>
              <TableHeaderCell>When</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {email.trackers.map((tracker) => (
              <TableRow key={tracker.id}>
                <TableCell>
                  <RouterLink href={`/admin/mailboxes/${tracker.mailboxId}`}>{tracker.userName}</RouterLink>
                </TableCell>
                <TableCell>{tracker.direction === 'incoming' ? 'Incoming' : 'Outgoing'}</TableCell>
                <TableCell>{SOURCE_LABELS[tracker.source]}</TableCell>
                <TableCell>{formatDateTime(tracker.trackedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      <section className={styles.section} aria-labelledby="email-attachments">
        <h2 id="email-attachments" className={styles.h2}>
          Attachments
        </h2>
        {email.attachments.length === 0 ? (
          <Text>None.</Text>
        ) : (
          <Table aria-labelledby="email-attachments" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Size</TableHeaderCell>
                <TableHeaderCell>Stored</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {email.attachments.map((attachment, index) => (
                <TableRow key={`${attachment.name}-${index}`}>
                  <TableCell>{attachment.name}</TableCell>
                  <TableCell>{attachment.contentType}</TableCell>
                  <TableCell>{formatBytes(attachment.size)}</TableCell>
                  <TableCell>
                    {attachment.saved ? (
                      <Badge appearance="tint" color="success">
                        Saved
                      </Badge>
                    ) : (
                      <Badge appearance="tint" color="warning">
                        Not saved
                      </Badge>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <section className={styles.section} aria-labelledby="email-body">
        <h2 id="email-body" className={styles.h2}>
          Body
        </h2>
        {email.body.truncated && (
          <MessageBar intent="warning">
            <MessageBarBody>The body was longer than the organisation's limit and is stored truncated.</MessageBarBody>
          </MessageBar>
        )}
        <SafeEmailBody body={email.body} />
      </section>
    </>
  );
}

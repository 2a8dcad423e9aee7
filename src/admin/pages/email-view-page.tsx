import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { EmailDetail, TrackSource } from '../../common/api/email';
import { Fact, FactList } from '../components/fact-list';
import { formatAddress, formatBytes, formatDateTime } from '../components/format';
import { LoadStatus } from '../components/load-status';
import { CORRELATION_EXPLANATIONS } from '../components/method-labels';
import { PageHeading } from '../components/page-heading';
import { SafeEmailBody } from '../email-body/safe-email-body';
import { RouterLink } from '../router';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const SOURCE_LABELS: Record<TrackSource, string> = { manual: 'Tracked by hand', 'auto-send': 'Automatically, on send', 'auto-read': 'Automatically, when read', bulk: 'Bulk track' };

const useStyles = makeStyles({
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
        <LoadStatus loaded={loaded} errorTitle="The email could not be loaded" loadingLabel="Loading the email…" />
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
      <FactList>
        <Fact term="From">{formatAddress(email.from)}</Fact>
        <Fact term="To">{addresses(email.to)}</Fact>
        {email.cc.length > 0 && <Fact term="Cc">{addresses(email.cc)}</Fact>}
        {email.bcc.length > 0 && <Fact term="Bcc">{addresses(email.bcc)}</Fact>}
        <Fact term="Direction">{email.direction === 'incoming' ? 'Incoming' : 'Outgoing'}</Fact>
        <Fact term={email.direction === 'incoming' ? 'Received' : 'Sent'}>{formatDateTime(email.receivedAt ?? email.sentAt)}</Fact>
        <Fact term="Regarding">{email.regarding ? `${email.regarding.name} (${email.regarding.type})` : 'Not set'}</Fact>
        <Fact term="Correlation">
          {email.correlationMethod}: {CORRELATION_EXPLANATIONS[email.correlationMethod]}
        </Fact>
        <Fact term="Message-ID">{email.internetMessageId ?? '—'}</Fact>
        {email.trackingToken && <Fact term="Tracking token">{email.trackingToken}</Fact>}
      </FactList>

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

import { Badge, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { DailyChart } from '../components/daily-chart';
import { formatDateTime } from '../components/format';
import { LoadStatus } from '../components/load-status';
import { ATTENTION_REASON_LABELS } from '../components/method-labels';
import { PageHeading } from '../components/page-heading';
import { RouterLink } from '../router';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  section: { marginBottom: tokens.spacingVerticalXXL },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalM}` },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export function OverviewPage() {
  const styles = useStyles();
  const { api } = useSession();
  const overview = useLoader(() => api.overview(), [api]);

  return (
    <>
      <PageHeading title="Overview">Overview</PageHeading>
      <LoadStatus loaded={overview} errorTitle="The overview could not be loaded" loadingLabel="Loading the overview…" />
      {overview.data && (
        <>
          <section className={styles.section} aria-labelledby="tracked-per-day">
            <h2 id="tracked-per-day" className={styles.h2}>
              Tracked email per day, last 30 days
            </h2>
            <DailyChart days={overview.data.days} title="Tracked email per day over the last 30 days, incoming and outgoing" />
          </section>
          <section className={styles.section} aria-labelledby="needs-attention">
            <h2 id="needs-attention" className={styles.h2}>
              Mailboxes needing attention
            </h2>
            {overview.data.attention.length === 0 ? (
              <Text>Every mailbox is approved, tracks in both directions, and had no failed tracks in the last 7 days.</Text>
            ) : (
              <Table className={styles.table} aria-label="Mailboxes needing attention">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Mailbox</TableHeaderCell>
                    <TableHeaderCell>Kind</TableHeaderCell>
                    <TableHeaderCell>Why</TableHeaderCell>
                    <TableHeaderCell>Last failure</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {overview.data.attention.map(({ mailbox, reasons, lastFailure, lastFailureAt }) => (
                    <TableRow key={mailbox.id}>
                      <TableCell>
                        <RouterLink href={`/admin/mailboxes/${mailbox.id}`}>{mailbox.address}</RouterLink>
                      </TableCell>
                      <TableCell>{mailbox.kind === 'queue' ? 'Queue' : 'User'}</TableCell>
                      <TableCell>
                        <span className={styles.badges}>
                          {reasons.map((reason) => (
                            <Badge key={reason} appearance="tint" color={reason === 'recent-failures' ? 'danger' : 'warning'}>
                              {ATTENTION_REASON_LABELS[reason]}
                            </Badge>
                          ))}
                        </span>
                      </TableCell>
                      <TableCell>{lastFailure ? `${formatDateTime(lastFailureAt)}: ${lastFailure}` : '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        </>
      )}
    </>
  );
}

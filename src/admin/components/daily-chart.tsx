import { Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Overview } from '../../common/api/admin';

type DailyCount = Overview['days'][number];

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 36 };

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  svg: { width: '100%', maxWidth: `${WIDTH}px`, height: 'auto', display: 'block' },
  incoming: { fill: tokens.colorBrandBackground },
  outgoing: { fill: tokens.colorPaletteDarkOrangeForeground1 },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  grid: { stroke: tokens.colorNeutralStroke3, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground2, fontSize: '11px', fontFamily: tokens.fontFamilyBase },
  legend: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'center', fontSize: tokens.fontSizeBase200 },
  swatch: { display: 'inline-block', width: '12px', height: '12px', marginRight: tokens.spacingHorizontalXS, verticalAlign: 'middle' },
  swatchIncoming: { backgroundColor: tokens.colorBrandBackground },
  swatchOutgoing: { backgroundColor: tokens.colorPaletteDarkOrangeForeground1 },
  table: { maxWidth: '32rem' },
});

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayLabel = (date: string) => shortDate.format(new Date(`${date}T00:00:00Z`));

/** A grouped bar chart drawn as SVG, with a summary for screen readers and the same numbers as a table on demand. */
export function DailyChart({ days, title }: { days: DailyCount[]; title: string }) {
  const styles = useStyles();
  const titleId = useId();
  const descriptionId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);

  const totalIncoming = days.reduce((sum, d) => sum + d.incoming, 0);
  const totalOutgoing = days.reduce((sum, d) => sum + d.outgoing, 0);
  const max = Math.max(1, ...days.map((d) => Math.max(d.incoming, d.outgoing)));
  const busiest = days.reduce<DailyCount | undefined>((best, d) => (!best || d.incoming + d.outgoing > best.incoming + best.outgoing ? d : best), undefined);
  const summary =
    totalIncoming + totalOutgoing === 0
      ? 'No email was tracked in these days.'
      : `${totalIncoming} incoming and ${totalOutgoing} outgoing emails tracked; the busiest day was ${busiest ? dayLabel(busiest.date) : ''} with ${busiest ? busiest.incoming + busiest.outgoing : 0}.`;

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, slot * 0.38);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);

  return (
    <figure className={styles.figure}>
      <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descriptionId}`}>
        <title id={titleId}>{title}</title>
        <desc id={descriptionId}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick} aria-hidden="true">
            <line className={styles.grid} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text className={styles.label} x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const x = MARGIN.left + i * slot + slot * 0.1;
          return (
            <g key={day.date} aria-hidden="true">
              <rect className={styles.incoming} x={x} y={y(day.incoming)} width={barWidth} height={MARGIN.top + plotHeight - y(day.incoming)}>
                <title>{`${dayLabel(day.date)}: ${day.incoming} incoming`}</title>
              </rect>
              <rect className={styles.outgoing} x={x + barWidth} y={y(day.outgoing)} width={barWidth} height={MARGIN.top + plotHeight - y(day.outgoing)}>
                <title>{`${dayLabel(day.date)}: ${day.outgoing} outgoing`}</title>
              </rect>
              {i % 5 === 0 || i === days.length - 1 ? (
                <text className={styles.label} x={x + barWidth} y={HEIGHT - 8} textAnchor="middle">
                  {dayLabel(day.date)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className={styles.axis} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + plotHeight} y2={MARGIN.top + plotHeight} aria-hidden="true" />
      </svg>
      <figcaption className={styles.legend}>
        <span>
          <span className={`${styles.swatch} ${styles.swatchIncoming}`} aria-hidden="true" />
          Incoming ({totalIncoming})
        </span>
        <span>
          <span className={`${styles.swatch} ${styles.swatchOutgoing}`} aria-hidden="true" />
          Outgoing ({totalOutgoing})
        </span>
        <Button size="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Hide the table' : 'Show as a table'}
        </Button>
      </figcaption>
      <div id={tableId} hidden={!showTable}>
        {showTable && (
          <Table className={styles.table} size="small" aria-label={`${title}, by day`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Day</TableHeaderCell>
                <TableHeaderCell>Incoming</TableHeaderCell>
                <TableHeaderCell>Outgoing</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {days.map((day) => (
                <TableRow key={day.date}>
                  <TableCell>{day.date}</TableCell>
                  <TableCell>{day.incoming}</TableCell>
                  <TableCell>{day.outgoing}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </figure>
  );
}

import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: `${tokens.spacingVerticalL} 0` },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, overflowWrap: 'anywhere' },
});

/** The facts about one thing (an email, a mailbox) as a description list: terms on the left, values on the right. */
export function FactList({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <dl className={styles.list}>{children}</dl>;
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.detail}>{children}</dd>
    </>
  );
}

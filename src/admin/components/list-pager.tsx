import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  pager: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', marginTop: tokens.spacingVerticalM },
});

/** Previous, "51–100 of 230", Next under a list longer than one page; nothing when it fits on one. */
export function ListPager({ offset, pageSize, total, onOffsetChange }: { offset: number; pageSize: number; total: number; onOffsetChange(offset: number): void }) {
  const styles = useStyles();
  if (total <= pageSize) return null;
  return (
    <div className={styles.pager}>
      <Button disabled={offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - pageSize))}>
        Previous
      </Button>
      <Text>
        {offset + 1}–{Math.min(offset + pageSize, total)} of {total}
      </Text>
      <Button disabled={offset + pageSize >= total} onClick={() => onOffsetChange(offset + pageSize)}>
        Next
      </Button>
    </div>
  );
}

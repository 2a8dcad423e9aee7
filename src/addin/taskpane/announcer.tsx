import { makeStyles } from '@fluentui/react-components';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

const useStyles = makeStyles({
  // Read by screen readers, not shown: the visible state already says the same.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
  },
});

const AnnounceContext = createContext<(text: string) => void>(() => undefined);

/** One polite live region for the whole pane; views announce their state changes through it. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  return (
    <AnnounceContext.Provider value={setText}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.visuallyHidden} data-testid="live-region">
        {text}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Announces `text` whenever it changes. */
export function useAnnouncement(text: string | null): void {
  const announce = useContext(AnnounceContext);
  useEffect(() => {
    if (text) announce(text);
  }, [announce, text]);
}

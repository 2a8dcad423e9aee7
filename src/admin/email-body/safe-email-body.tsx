import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { EmailDetail } from '../../common/api/email';
import { sanitizeEmailHtml } from './sanitize-email-html';

const useStyles = makeStyles({
  wrapper: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  frame: {
    width: '100%',
    height: '32rem',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#fff',
  },
  text: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyBase,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '32rem',
    overflow: 'auto',
  },
});

/**
 * A tracked email's body as the admin may see it: text as text; HTML sanitized now (not at
 * storage) inside an iframe that may not run scripts, with remote images held back until asked.
 * Popups are allowed only so that links open in a new tab (rel="noopener noreferrer").
 */
export function SafeEmailBody({ body }: { body: EmailDetail['body'] }) {
  const styles = useStyles();
  const [allowRemote, setAllowRemote] = useState(false);
  const sanitized = useMemo(() => (body.contentType === 'html' ? sanitizeEmailHtml(body.content, { allowRemote }) : null), [body, allowRemote]);

  if (!sanitized) {
    return (
      <pre className={styles.text} tabIndex={0} aria-label="Email body">
        {body.content}
      </pre>
    );
  }
  return (
    <div className={styles.wrapper}>
      {sanitized.blockedRemote > 0 && !allowRemote && (
        <MessageBar intent="info">
          <MessageBarBody>
            Remote images are blocked ({sanitized.blockedRemote}): loading them tells the sender that this email was opened, and from where.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setAllowRemote(true)}>Load remote images</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <iframe
        className={styles.frame}
        title="Email body"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={sanitized.document}
      />
    </div>
  );
}

import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { EmailViewPage } from './pages/email-view-page';
import { EmailsPage } from './pages/emails-page';
import { MailboxEditPage } from './pages/mailbox-edit-page';
import { MailboxesPage } from './pages/mailboxes-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { RecordsPage } from './pages/records-page';
import { SettingsPage } from './pages/settings-page';
import { matchPath, RouterLink, useLocationPath } from './router';
import { useSession } from './session';

const NAVIGATION = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/mailboxes', label: 'Mailboxes' },
  { href: '/admin/emails', label: 'Tracked email' },
  { href: '/admin/records', label: 'Records' },
  { href: '/admin/settings', label: 'Email Configuration Settings' },
] as const;

const ROUTES: Array<{ pattern: string; render(params: Record<string, string>): ReactNode }> = [
  { pattern: '/admin', render: () => <OverviewPage /> },
  { pattern: '/admin/settings', render: () => <SettingsPage /> },
  { pattern: '/admin/mailboxes', render: () => <MailboxesPage /> },
  { pattern: '/admin/mailboxes/:id', render: ({ id }) => <MailboxEditPage key={id} id={id!} /> },
  { pattern: '/admin/emails', render: () => <EmailsPage /> },
  { pattern: '/admin/emails/:id', render: ({ id }) => <EmailViewPage key={id} id={id!} /> },
  { pattern: '/admin/records', render: () => <RecordsPage /> },
];

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '15rem 1fr', gridTemplateRows: 'auto 1fr', minHeight: '100vh' },
  header: {
    gridColumn: '1 / 3',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, flexGrow: 1 },
  user: { color: tokens.colorNeutralForegroundOnBrand },
  nav: { padding: tokens.spacingVerticalL, backgroundColor: tokens.colorNeutralBackground2, borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  navList: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  navLink: { display: 'block', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderRadius: tokens.borderRadiusMedium },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold },
  main: { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`, minWidth: 0, maxWidth: '80rem' },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalM, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1, padding: tokens.spacingHorizontalS },
  },
});

/** The frame of every signed-in page: header, navigation, and the page of the current path. */
export function Shell() {
  const styles = useStyles();
  const { user, signOut } = useSession();
  const { path } = useLocationPath();
  let page: ReactNode = <NotFoundPage />;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) {
      page = route.render(params);
      break;
    }
  }
  const section = NAVIGATION.filter((item) => path === item.href || path.startsWith(`${item.href}/`)).pop();

  return (
    <div className={styles.layout}>
      <a className={styles.skip} href="#main">
        Skip to the page
      </a>
      <header className={styles.header}>
        <span className={styles.product}>Docket admin</span>
        <Text className={styles.user}>{user.email}</Text>
        <Button appearance="primary" onClick={() => signOut()}>
          Sign out
        </Button>
      </header>
      <nav className={styles.nav} aria-label="Console">
        <ul className={styles.navList}>
          {NAVIGATION.map((item) => (
            <li key={item.href}>
              <RouterLink
                href={item.href}
                className={`${styles.navLink} ${section === item ? styles.current : ''}`}
                aria-current={section === item ? 'page' : undefined}
              >
                {item.label}
              </RouterLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className={styles.main}>
        {page}
      </main>
    </div>
  );
}

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Component, lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/**
 * A lazily loaded view that can load again: React.lazy keeps a failed load for ever, so
 * after a failure (the chunk could not be fetched during an outage) `retry` makes a fresh one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound React.lazy uses
type AnyComponent = ComponentType<any>;

export interface LazyView<T extends AnyComponent> {
  current(): LazyExoticComponent<T>;
  /** Starts the download now, so the chunk is cached before it is needed (and before any outage). */
  prefetch(): void;
}

const failedViews = new Set<() => void>();

export function lazyView<T extends AnyComponent>(load: () => Promise<{ default: T }>): LazyView<T> {
  let component: LazyExoticComponent<T>;
  const renew = () => {
    component = lazy(() =>
      load().catch((error: unknown) => {
        failedViews.add(renew);
        throw error;
      }),
    );
  };
  renew();
  return {
    current: () => component,
    prefetch: () => void load().catch(() => undefined),
  };
}

/** Makes every view that failed to load try again on its next render. */
function renewFailedViews(): void {
  for (const renew of failedViews) renew();
  failedViews.clear();
}

function reasonOf(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Docket could not load this part of the pane (${detail}). Check the connection, then retry.`;
}

/** Keeps the pane on screen when a view fails to load or render: it says why and offers Retry. */
export class ViewBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? new Error('Unknown error') };
  }

  private readonly retry = () => {
    renewFailedViews();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This view did not load</MessageBarTitle>
          {reasonOf(this.state.error)}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={this.retry}>Retry</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}

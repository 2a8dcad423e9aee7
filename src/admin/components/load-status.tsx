import { Spinner } from '@fluentui/react-components';
import type { Loaded } from '../use-loader';
import { ErrorBar } from './error-bar';

/** A loader's state for the page: its error, and a spinner while there is nothing yet to show. */
export function LoadStatus({ loaded, errorTitle, loadingLabel }: { loaded: Pick<Loaded<unknown>, 'data' | 'error' | 'loading'>; errorTitle: string; loadingLabel: string }) {
  return (
    <>
      <ErrorBar error={loaded.error} title={errorTitle} />
      {loaded.loading && loaded.data === undefined && <Spinner label={loadingLabel} />}
    </>
  );
}

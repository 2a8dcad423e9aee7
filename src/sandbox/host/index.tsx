import { createRoot } from 'react-dom/client';
import { SANDBOX_HOST_GLOBAL } from './bridge/frame-binding';
import { OfficeHost } from './bridge/office-host';
import type { SandboxSeed } from '../common/mail/mail-types';
import { SandboxController } from './model/sandbox-controller';
import { restoreState, saveState, SandboxStore } from './model/sandbox-state';
import { SandboxApp } from './ui/sandbox-app';
import { SandboxProvider } from './ui/sandbox-context';

function numberParameter(name: string, fallback: number): number {
  const parameters = new URLSearchParams(location.search);
  const value = Number(parameters.get(name));
  return parameters.has(name) && Number.isFinite(value) && value >= 0 ? value : fallback;
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const response = await fetch('/sandbox/state.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The sandbox server answered ${response.status} for its state`);
  const seed = (await response.json()) as SandboxSeed;
  const store = new SandboxStore(restoreState(seed, localStorage));
  const host = new OfficeHost(store, {
    latencyMs: numberParameter('latency', 10),
    eventTimeoutMs: numberParameter('eventTimeout', 60_000),
    runtimeLoadTimeoutMs: numberParameter('runtimeTimeout', 15_000),
    storage: localStorage,
  });
  await host.prepareStorage();
  (window as unknown as Record<string, unknown>)[SANDBOX_HOST_GLOBAL] = host;

  let saving: ReturnType<typeof setTimeout> | null = null;
  store.subscribe(() => {
    if (saving) return;
    saving = setTimeout(() => {
      saving = null;
      saveState(store.getState(), localStorage);
    }, 300);
  });

  const controller = new SandboxController(store, host);
  root.render(
    <SandboxProvider value={{ store, controller, host }}>
      <SandboxApp />
    </SandboxProvider>,
  );
}

start().catch((error: unknown) => {
  document.body.textContent = `The Docket sandbox could not start: ${error instanceof Error ? error.message : String(error)}`;
});

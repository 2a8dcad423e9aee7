import { createContext, useContext, useSyncExternalStore } from 'react';
import type { OfficeHost } from '../bridge/office-host';
import type { SandboxController } from '../model/sandbox-controller';
import type { SandboxState, SandboxStore } from '../model/sandbox-state';

export interface SandboxServices {
  store: SandboxStore;
  controller: SandboxController;
  host: OfficeHost;
}

const SandboxContext = createContext<SandboxServices | null>(null);
export const SandboxProvider = SandboxContext.Provider;

export function useSandbox(): SandboxServices & { state: SandboxState } {
  const services = useContext(SandboxContext);
  if (!services) throw new Error('useSandbox needs <SandboxProvider> above it');
  const state = useSyncExternalStore(services.store.subscribe, services.store.getState);
  return { ...services, state };
}

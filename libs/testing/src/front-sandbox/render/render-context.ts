import type { SandboxStore } from '../state/store';

export type Json = Record<string, unknown>;

/** What every renderer needs: the store and absolute links on the sandbox's own host. */
export interface RenderContext {
  store: SandboxStore;
  /** Absolute URL of a path on the sandbox (Front puts the company host in every link). */
  url(path: string): string;
}

import type { RenderContext } from '../render/render-context';
import { Recorder } from '../state/recorder';
import { applySeed, type SeedName } from '../state/seed';
import { DEFAULT_RATE_LIMIT, DEFAULT_SETTINGS, type RateLimitSettings, type SandboxSettings } from '../state/settings';
import { SandboxStore } from '../state/store';
import type { EventSource } from './event-log';
import { EventLog } from './event-log';
import type { Via } from '../state/recorder';

/** Who does something: the event source it produces and how the record labels it. */
export interface Actor {
  source: EventSource;
  via: Via;
}

export const API_ACTOR: Actor = { source: { type: 'api' }, via: 'api' };

export function teammateActor(teammateId: string, via: Via = 'sandbox'): Actor {
  return { source: { type: 'teammate', teammateId }, via };
}

/**
 * The sandbox's mutable heart: store, record, event log and settings, plus the
 * delayed work (reply processing) that reset cancels and idle() waits for.
 */
export class SandboxCore {
  store: SandboxStore;
  recorder = new Recorder();
  settings: SandboxSettings = { ...DEFAULT_SETTINGS };
  rateLimit: RateLimitSettings = structuredClone(DEFAULT_RATE_LIMIT);
  readonly events: EventLog;
  readonly render: RenderContext;
  baseUrl = 'http://127.0.0.1';
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly onResetHandlers: (() => void)[] = [];

  constructor(
    private readonly clock: () => number,
    seed: SeedName,
    private readonly idSalt = '',
  ) {
    this.store = this.seeded(seed);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const core = this;
    this.render = {
      get store() {
        return core.store;
      },
      url: (path: string) => `${core.baseUrl}${path}`,
    };
    this.events = new EventLog(this.render);
  }

  reset(seed: SeedName): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.store = this.seeded(seed);
    this.recorder = new Recorder();
    this.settings = { ...DEFAULT_SETTINGS };
    this.rateLimit = structuredClone(DEFAULT_RATE_LIMIT);
    for (const handler of this.onResetHandlers) handler();
  }

  onReset(handler: () => void): void {
    this.onResetHandlers.push(handler);
  }

  /** Run work later (Front processes replies asynchronously); reset cancels it. */
  later(delayMs: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, delayMs);
    this.timers.add(timer);
  }

  hasPendingWork(): boolean {
    return this.timers.size > 0;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private seeded(seed: SeedName): SandboxStore {
    const store = new SandboxStore(this.clock, this.idSalt);
    applySeed(store, seed);
    return store;
  }
}

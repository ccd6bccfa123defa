import { AiDraftedContract, AiFailedContract, AiHandedOffContract, AiRepliedContract, AiResolvedContract, AiSkippedContract } from './ai/ai-outcome.v1';
import { DraftCheckRequestedContract } from './conversation/draft-check-requested.v1';
import { ReplyRequestedContract } from './conversation/reply-requested.v1';
import { DraftSettledContract } from './copilot/draft-settled.v1';
import { Contract, InvalidMessageError, parseContract, routingKeyMatches } from './envelope/contract';
import { FrontEventContract } from './front/front-event.v1';
import {
  IntegrationConnectedContract,
  IntegrationDisconnectedContract,
  IntegrationUpdatedContract,
} from './integration/integration-changed.v1';
import { DeadLetterRecordedContract } from './deadletter/dead-letter-recorded.v1';
import { WebhookStatsContract } from './ingress/webhook-stats.v1';
import { KnowledgeSyncRequestedContract, KnowledgeSyncStatusContract } from './knowledge/knowledge-sync.v1';
import { KnowledgeOverviewRpc, TryItRpc } from './rpc/responder-rpc.v1';
import { GetSessionRpc, IntegrationSyncStatusRpc, ListSessionsRpc } from './rpc/sync-rpc.v1';
import { AnalyticsRpc, ExportSessionsRpc } from './rpc/analytics-rpc.v1';
import { GetFrontCredentialsRpc, GetIntegrationStateRpc, ResolveWebhookKeyRpc } from './rpc/settings-rpc.v1';

/** Every message and RPC request that may travel on the broker. */
export const CONTRACTS: ReadonlyArray<Contract<object>> = [
  FrontEventContract,
  IntegrationConnectedContract,
  IntegrationUpdatedContract,
  IntegrationDisconnectedContract,
  ReplyRequestedContract,
  DraftCheckRequestedContract,
  AiRepliedContract,
  AiDraftedContract,
  AiHandedOffContract,
  AiResolvedContract,
  AiFailedContract,
  AiSkippedContract,
  DraftSettledContract,
  WebhookStatsContract,
  DeadLetterRecordedContract,
  KnowledgeSyncRequestedContract,
  KnowledgeSyncStatusContract,
  ResolveWebhookKeyRpc,
  KnowledgeOverviewRpc,
  TryItRpc,
  ListSessionsRpc,
  GetSessionRpc,
  IntegrationSyncStatusRpc,
  AnalyticsRpc,
  ExportSessionsRpc,
  GetFrontCredentialsRpc,
  GetIntegrationStateRpc,
];

/** The contract a routing key travels under, or undefined when none does. */
export function contractFor(routingKey: string): Contract<object> | undefined {
  if (contractsByRoutingKey.has(routingKey)) return contractsByRoutingKey.get(routingKey);
  const contract = CONTRACTS.find((candidate) => routingKeyMatches(candidate.routingKey, routingKey));
  // Every message looks its contract up: remember the answer for the routing keys seen (a bounded set).
  if (contractsByRoutingKey.size < MAX_REMEMBERED_KEYS) contractsByRoutingKey.set(routingKey, contract);
  return contract;
}

const contractsByRoutingKey = new Map<string, Contract<object> | undefined>();
const MAX_REMEMBERED_KEYS = 1_000;

/**
 * Validates a raw message received under a routing key. Every consumer calls
 * this before its handler; InvalidMessageError names what is wrong.
 */
export function parseMessage(routingKey: string, raw: unknown): object {
  const contract = contractFor(routingKey);
  if (!contract) throw new InvalidMessageError([`no contract for routing key ${routingKey}`]);
  return parseContract(contract, raw);
}

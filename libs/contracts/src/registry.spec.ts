import { CONTRACTS, contractFor, InvalidMessageError, MessageEnvelope, parseContract, parseMessage, routingKeyMatches } from './index';

const envelope = {
  messageId: 'evt_1',
  orgId: 'org_1',
  correlationId: 'corr_1',
  occurredAt: '2026-11-25T10:00:00.000Z',
};

describe('contracts', () => {
  it.each(CONTRACTS.map((contract) => [contract.routingKey, contract] as const))(
    '%s rejects an unknown version',
    (_key, contract) => {
      expect(() => parseContract(contract, { ...envelope, webhookKey: 'k', version: 999 })).toThrow(/version must be/);
    },
  );

  it.each(
    CONTRACTS.filter((contract) => new contract.schema() instanceof MessageEnvelope).map(
      (contract) => [contract.routingKey, contract] as const,
    ),
  )('%s rejects a missing orgId', (_key, contract) => {
    const { orgId: _omit, ...withoutOrg } = envelope;
    expect(() => parseContract(contract, { ...withoutOrg, version: contract.version })).toThrow(/orgId/);
  });

  it('names every bad field of a front event', () => {
    try {
      parseMessage('front.inbound', { ...envelope, version: 1, type: 7 });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidMessageError);
      const reasons = (error as InvalidMessageError).reasons.join('\n');
      expect(reasons).toMatch(/integrationId/);
      expect(reasons).toMatch(/type/);
      expect(reasons).toMatch(/emittedAt/);
    }
  });

  it('accepts a well-formed front event', () => {
    const event = parseMessage('front.inbound', {
      ...envelope,
      version: 1,
      integrationId: 'int_1',
      frontEventId: 'evt_1',
      type: 'inbound',
      emittedAt: 1764064800.5,
      deliveredBy: 'application',
      isPreview: false,
      raw: {},
    });
    expect(event).toMatchObject({ type: 'inbound', emittedAt: 1764064800.5 });
  });

  it('puts the tenant on every message except the webhook-key lookup, which precedes it', () => {
    const untenanted = CONTRACTS.filter((contract) => !(new contract.schema() instanceof MessageEnvelope));
    expect(untenanted.map((contract) => contract.routingKey)).toEqual(['rpc.settings.resolve-webhook-key']);
  });

  it('refuses a routing key no contract covers, every time it is asked', () => {
    expect(() => parseMessage('nobody.sends.this', envelope)).toThrow(/no contract/);
    expect(() => parseMessage('nobody.sends.this', envelope)).toThrow(/no contract/);
    expect(contractFor('nobody.sends.this')).toBeUndefined();
  });

  it('finds the same contract for a routing key seen before, and each pattern\'s own', () => {
    const first = contractFor('front.inbound');
    expect(first?.routingKey).toBe('front.*');
    expect(contractFor('front.inbound')).toBe(first);
    expect(contractFor('ai.replied')?.routingKey).toBe('ai.replied');
  });

  it('matches topic patterns as RabbitMQ does', () => {
    expect(routingKeyMatches('front.*', 'front.inbound')).toBe(true);
    expect(routingKeyMatches('front.*', 'front.a.b')).toBe(false);
    expect(routingKeyMatches('ai.#', 'ai.replied')).toBe(true);
    expect(routingKeyMatches('ai.#', 'ai')).toBe(true);
    expect(routingKeyMatches('integration.updated', 'integration.connected')).toBe(false);
    expect(routingKeyMatches('front.*', 'front.inbound')).toBe(true); // compiled once, reused
    expect(routingKeyMatches('front.*', 'frontXinbound')).toBe(false);
  });
});

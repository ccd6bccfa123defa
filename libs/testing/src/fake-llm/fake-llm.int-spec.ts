import OpenAI from 'openai';
import { startFakeLlm, type FakeLlm } from './fake-llm';

const HANDOFF_TOOL = {
  type: 'function' as const,
  function: {
    name: 'handoff',
    description: 'Hand the conversation to a human teammate',
    parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] },
  },
};

const PASSAGE =
  '<passage url="https://help.sandbox-co.test/articles/how-to-reset-your-password" title="How to reset your password">' +
  '<p>You can reset your password at any time. Open Settings → Security → Reset password and choose a new one.</p></passage>';

describe('fake LLM (OpenAI-compatible)', () => {
  let llm: FakeLlm;
  let client: OpenAI;

  beforeAll(async () => {
    llm = await startFakeLlm();
    client = new OpenAI({ apiKey: 'test-key', baseURL: llm.baseURL, maxRetries: 0 });
  });

  beforeEach(() => llm.reset());
  afterAll(() => llm.close());

  it('answers from the first knowledge passage in the prompt, with its URL, and records the request', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: `Answer only from these passages.\n${PASSAGE}` },
        { role: 'user', content: 'How do I reset my password?' },
      ],
      tools: [HANDOFF_TOOL],
    });
    const message = completion.choices[0].message;
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(message.content).toContain('Settings → Security → Reset password');
    expect(message.content).toContain('https://help.sandbox-co.test/articles/how-to-reset-your-password');
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]).toMatchObject({ model: 'gpt-4o-mini', tools: [HANDOFF_TOOL], authorization: 'Bearer test-key' });
    expect(llm.requests[0].messages[1]).toEqual({ role: 'user', content: 'How do I reset my password?' });
  });

  it('calls the handoff tool when the prompt holds no knowledge', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Can I pay in bitcoin?' }],
      tools: [HANDOFF_TOOL],
    });
    const [call] = completion.choices[0].message.tool_calls ?? [];
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.name).toBe('handoff');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ reason: expect.any(String) });
  });

  it('plays scripted answers and tool calls in order before the prompt policy', async () => {
    llm.enqueue({ toolCall: { name: 'lookup_order', arguments: { order_id: 'A-42' } } }, { content: 'Scripted hello' });
    const ask = () => client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const first = await ask();
    const [call] = first.choices[0].message.tool_calls ?? [];
    expect(call.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(['lookup_order', { order_id: 'A-42' }]);
    expect((await ask()).choices[0].message.content).toBe('Scripted hello');
    expect(llm.requests.map((r) => r.scripted)).toEqual([true, true]);
  });

  it('fails with 429 or 500 as OpenAI does, when scripted or switched on', async () => {
    llm.enqueue({ status: 429 });
    const ask = () => client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    await expect(ask()).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    llm.setFailureMode({ status: 500 });
    await expect(ask()).rejects.toMatchObject({ status: 500 });
    llm.setFailureMode(null);
    await expect(ask()).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('never answers in timeout mode, so the client times out', async () => {
    llm.setFailureMode({ timeout: true });
    const impatient = new OpenAI({ apiKey: 'k', baseURL: llm.baseURL, maxRetries: 0, timeout: 200 });
    const started = Date.now();
    // Under jest the SDK may report its own timeout as a connection error: both are APIConnectionError.
    await expect(impatient.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
      OpenAI.APIConnectionError,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(llm.requests).toHaveLength(1);
  });

  it('adds the configured latency and lists its model', async () => {
    llm.setLatency(150);
    const started = Date.now();
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-llm']);
  });

  it('streams the same answer when asked to', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: `Context:\n${PASSAGE}\n\nQuestion: reset password?` }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toContain('https://help.sandbox-co.test/articles/how-to-reset-your-password');
  });
});

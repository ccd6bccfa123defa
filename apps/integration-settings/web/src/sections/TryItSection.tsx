import { useState, type FormEvent } from 'react';
import { describeError, type TryItResult } from '../api';
import { useSession } from '../session';
import { Section, StatusLine, useNotice } from '../ui';

/** "Try it": a customer question through the real pipeline with the current controls; nothing is sent to Front. */
export function TryItSection() {
  const { api } = useSession();
  const [question, setQuestion] = useState('');
  const [channel, setChannel] = useState('email');
  const [result, setResult] = useState<TryItResult | null>(null);
  const [notice, setNotice] = useNotice();

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setNotice({ kind: 'info', text: 'Asking the AI…' });
    try {
      setResult(await api.tryIt(question, channel));
      setNotice(null);
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(error) });
    }
  };

  return (
    <Section id="try-it" title="Try it" description="Ask a question as a customer would. The AI answers here only; nothing is sent to Front.">
      <form onSubmit={(e) => void ask(e)} className="control-group">
        <textarea data-testid="try-question" rows={2} required value={question} onChange={(e) => setQuestion(e.target.value)} placeholder="How do I reset my password?" />
        <select data-testid="try-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
          <option value="email">Email</option>
          <option value="chat">Chat</option>
          <option value="sms">SMS</option>
          <option value="whatsapp">WhatsApp</option>
        </select>
        <button type="submit" data-testid="try-ask">Ask</button>
      </form>
      <StatusLine notice={notice} testId="try-status" />
      {result ? (
        <div data-testid="try-result">
          <p data-testid="try-decision">
            <strong>Decision:</strong> {result.decision}
            {result.reason ? ` (${result.reason})` : ''}
          </p>
          {result.answer ? <pre className="try-answer" data-testid="try-answer">{result.answer}</pre> : null}
          {result.sources.length > 0 ? (
            <ul data-testid="try-sources">
              {result.sources.map((source) => (
                <li key={source.url}>
                  <a href={source.url} target="_blank" rel="noreferrer">{source.title}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

/** The handoff comment's wording in the team's language (English when the language is not listed). */
export interface HandoffNoteText {
  title: string;
  reason: string;
  sentiment: string;
  asked: string;
  conversation: string;
  knowledge: string;
  internal: string;
  customerLanguage: string;
  reasons: Record<string, string>;
  restrictedTopic: (topic: string) => string;
  outputCheckFailed: (check: string) => string;
}

const TEXTS: Record<string, HandoffNoteText> = {
  en: {
    title: 'AI handoff', reason: 'Reason', sentiment: 'Customer sentiment', asked: 'What the customer asked', conversation: 'Conversation so far',
    knowledge: 'Knowledge that may help (internal included)', internal: 'internal', customerLanguage: "Customer's language",
    reasons: {
      customer_asked_for_human: 'The customer asked to talk to a human.',
      no_knowledge: 'The knowledge base does not cover this question.',
      llm_handoff: 'The AI could not answer from the knowledge base.',
      llm_unavailable: 'The AI model did not answer in time.',
      repeated_failures: 'The AI failed repeatedly on this conversation.',
      unsupported_language: 'The customer writes in a language the AI does not answer in.',
    },
    restrictedTopic: (topic) => `The customer asked about a restricted topic: ${topic}.`,
    outputCheckFailed: (check) => `The AI's answer failed an output check (${check}), so it was not sent.`,
  },
  es: {
    title: 'Traspaso de la IA', reason: 'Motivo', sentiment: 'Sentimiento del cliente', asked: 'Lo que preguntó el cliente', conversation: 'Conversación hasta ahora',
    knowledge: 'Conocimiento que puede ayudar (incluido el interno)', internal: 'interno', customerLanguage: 'Idioma del cliente',
    reasons: {
      customer_asked_for_human: 'El cliente pidió hablar con una persona.',
      no_knowledge: 'La base de conocimiento no cubre esta pregunta.',
      llm_handoff: 'La IA no pudo responder con la base de conocimiento.',
      llm_unavailable: 'El modelo de IA no respondió a tiempo.',
      repeated_failures: 'La IA falló varias veces en esta conversación.',
      unsupported_language: 'El cliente escribe en un idioma en el que la IA no responde.',
    },
    restrictedTopic: (topic) => `El cliente preguntó por un tema restringido: ${topic}.`,
    outputCheckFailed: (check) => `La respuesta de la IA no pasó un control de salida (${check}) y no se envió.`,
  },
  fr: {
    title: "Transfert par l'IA", reason: 'Motif', sentiment: 'Sentiment du client', asked: 'Ce que le client a demandé', conversation: "Conversation jusqu'ici",
    knowledge: 'Connaissances utiles (internes comprises)', internal: 'interne', customerLanguage: 'Langue du client',
    reasons: {
      customer_asked_for_human: 'Le client a demandé à parler à un humain.',
      no_knowledge: 'La base de connaissances ne couvre pas cette question.',
      llm_handoff: "L'IA n'a pas pu répondre à partir de la base de connaissances.",
      llm_unavailable: "Le modèle d'IA n'a pas répondu à temps.",
      repeated_failures: "L'IA a échoué plusieurs fois sur cette conversation.",
      unsupported_language: "Le client écrit dans une langue dans laquelle l'IA ne répond pas.",
    },
    restrictedTopic: (topic) => `Le client a posé une question sur un sujet interdit : ${topic}.`,
    outputCheckFailed: (check) => `La réponse de l'IA a échoué à un contrôle de sortie (${check}) ; elle n'a pas été envoyée.`,
  },
  de: {
    title: 'Übergabe durch die KI', reason: 'Grund', sentiment: 'Stimmung des Kunden', asked: 'Was der Kunde gefragt hat', conversation: 'Bisherige Unterhaltung',
    knowledge: 'Hilfreiches Wissen (auch intern)', internal: 'intern', customerLanguage: 'Sprache des Kunden',
    reasons: {
      customer_asked_for_human: 'Der Kunde möchte mit einem Menschen sprechen.',
      no_knowledge: 'Die Wissensdatenbank deckt diese Frage nicht ab.',
      llm_handoff: 'Die KI konnte nicht aus der Wissensdatenbank antworten.',
      llm_unavailable: 'Das KI-Modell hat nicht rechtzeitig geantwortet.',
      repeated_failures: 'Die KI ist bei dieser Unterhaltung wiederholt gescheitert.',
      unsupported_language: 'Der Kunde schreibt in einer Sprache, in der die KI nicht antwortet.',
    },
    restrictedTopic: (topic) => `Der Kunde fragt nach einem gesperrten Thema: ${topic}.`,
    outputCheckFailed: (check) => `Die Antwort der KI hat eine Ausgabeprüfung nicht bestanden (${check}) und wurde nicht gesendet.`,
  },
};

export function handoffNoteText(language: string | undefined): HandoffNoteText {
  return TEXTS[language ?? 'en'] ?? TEXTS.en;
}

/** The reason in words, for reason codes such as `restricted_topic:legal`. */
export function reasonInWords(reason: string, text: HandoffNoteText): string {
  const [code, argument] = reason.split(/:(.*)/s);
  if (code === 'restricted_topic') return text.restrictedTopic(argument ?? '');
  if (code === 'output_check_failed') return text.outputCheckFailed(argument ?? '');
  return text.reasons[reason] ?? reason;
}

/** The few fixed words a reply carries, per language (English when the language is not listed). */
interface ReplyPhrases {
  greeting: string;
  greetingNamed: (name: string) => string;
  moreDetails: string;
  fromHelpCenter: string;
  fromHelpCenterAbout: (title: string) => string;
}

const PHRASES: Record<string, ReplyPhrases> = {
  en: {
    greeting: 'Hi there,', greetingNamed: (name) => `Hi ${name},`, moreDetails: 'More details',
    fromHelpCenter: 'Here is what our help center says:', fromHelpCenterAbout: (title) => `Here is what our help center says about "${title}":`,
  },
  es: {
    greeting: 'Hola,', greetingNamed: (name) => `Hola ${name}:`, moreDetails: 'Más información',
    fromHelpCenter: 'Esto es lo que dice nuestro centro de ayuda:', fromHelpCenterAbout: (title) => `Esto es lo que dice nuestro centro de ayuda sobre «${title}»:`,
  },
  fr: {
    greeting: 'Bonjour,', greetingNamed: (name) => `Bonjour ${name},`, moreDetails: 'Plus de détails',
    fromHelpCenter: "Voici ce qu'indique notre centre d'aide :", fromHelpCenterAbout: (title) => `Voici ce qu'indique notre centre d'aide sur « ${title} » :`,
  },
  de: {
    greeting: 'Hallo,', greetingNamed: (name) => `Hallo ${name},`, moreDetails: 'Weitere Details',
    fromHelpCenter: 'Das sagt unser Hilfecenter:', fromHelpCenterAbout: (title) => `Das sagt unser Hilfecenter zu „${title}“:`,
  },
  pt: {
    greeting: 'Olá,', greetingNamed: (name) => `Olá ${name},`, moreDetails: 'Mais detalhes',
    fromHelpCenter: 'Veja o que diz a nossa central de ajuda:', fromHelpCenterAbout: (title) => `Veja o que diz a nossa central de ajuda sobre "${title}":`,
  },
  nl: {
    greeting: 'Hallo,', greetingNamed: (name) => `Hallo ${name},`, moreDetails: 'Meer informatie',
    fromHelpCenter: 'Dit zegt ons helpcentrum:', fromHelpCenterAbout: (title) => `Dit zegt ons helpcentrum over "${title}":`,
  },
};

export function replyPhrases(language: string | null | undefined): ReplyPhrases {
  return PHRASES[language ?? 'en'] ?? PHRASES.en;
}

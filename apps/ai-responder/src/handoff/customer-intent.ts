// Pure detectors over what the customer wrote: asking for a human, confirming
// the answer solved it, and how they feel. English, Spanish, French, German,
// Portuguese and Dutch; accents and case are ignored.

/** Lower case, accents removed, apostrophes unified, spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const HUMAN_REQUEST: RegExp[] = [
  // English
  /\b(talk|speak|chat|connect me|put me through)\b.{0,25}\b(human|person|someone|somebody|agent|representative|rep|operator|staff|people|manager|real person|live person)\b/,
  /\b(real|live|actual) (person|human|agent|people)\b/,
  /\b(human|agent|representative|operator)\b[ ,.!]{0,3}(please|pls|now)\b/,
  /\b(i want|i need|i'd like|get me|give me|can i have|let me talk to|transfer me to)\b.{0,20}\b(a |an |to a |to an )?(human|agent|person|representative|operator|someone)\b/,
  /\bnot (a |an )?(bot|robot|machine|ai)\b/,
  /^(human|agent|representative|operator)[!. ]*$/,
  // Spanish
  /\b(hablar|comunicar(me)?|pasar(me)?|hablar con)\b.{0,25}\b(persona|humano|agente|asesor|operador|alguien|representante)\b/,
  /\b(persona real|agente humano|un humano)\b/,
  // French
  /\b(parler|discuter|joindre|passer)\b.{0,25}\b(humain|personne|agent|conseiller|conseillere|operateur|quelqu'un)\b/,
  /\b(vraie personne|etre humain|un humain|un conseiller)\b/,
  // German
  /\b(mit einem|mit einer|einen|eine)\b.{0,12}\b(menschen|mensch|mitarbeiter|mitarbeiterin|person|berater|agenten)\b.{0,25}\b(sprechen|reden|verbinden|telefonieren)\b/,
  /\b(echten menschen|echte person|menschlichen mitarbeiter)\b/,
  // Portuguese
  /\b(falar|conversar|atendimento)\b.{0,25}\b(atendente|humano|pessoa|agente|alguem|operador|representante)\b/,
  /\b(pessoa real|atendente humano)\b/,
  // Dutch
  /\b(spreken|praten|contact)\b.{0,25}\b(medewerker|mens|persoon|iemand)\b/,
  /\b(met een|een echte)\b.{0,12}\b(medewerker|mens|persoon)\b/,
];

/** Whether the customer asks to be put through to a human. */
export function asksForHuman(text: string): boolean {
  const normalized = normalizeText(text);
  return HUMAN_REQUEST.some((pattern) => pattern.test(normalized));
}

const RESOLVED: RegExp[] = [
  /\b(that|it|this) (worked|works|did it|fixed it|helped|solved it)\b/,
  /\b(solved|resolved|fixed|sorted|all good|works now|working now|problem solved)\b/,
  /\b(funciono|resuelto|solucionado|ya funciona)\b/,
  /\b(ca marche|ca fonctionne|c'est regle|resolu|probleme regle)\b/,
  /\b(hat funktioniert|funktioniert jetzt|geloest|gelost|erledigt)\b/,
  /\b(funcionou|resolvido|deu certo)\b/,
  /\b(het werkt|opgelost|gelukt)\b/,
];

const STILL_A_PROBLEM = /\b(not|n't|didn't|doesn't|no|still|but|pas|no funciona|nicht|nao|niet)\b/;

/** Whether the customer confirms the answer solved their problem ("thanks, that worked"). */
export function confirmsResolved(text: string): boolean {
  const normalized = normalizeText(text);
  if (normalized.length > 200 || normalized.includes('?')) return false;
  return RESOLVED.some((pattern) => pattern.test(normalized)) && !STILL_A_PROBLEM.test(normalized.replace(/\bno problem\b/, ''));
}

export type Sentiment = 'frustrated' | 'neutral' | 'positive';

const FRUSTRATED =
  /\b(angry|furious|annoyed|frustrat\w*|ridiculous|unacceptable|terrible|awful|worst|useless|still (not|waiting|broken)|again|third time|wtf|fed up|enfadado|harto|inaceptable|fatal|enerve|inadmissible|nul|marre|verargert|sauer|unmoglich|unverschamt|irritado|absurdo|pessimo|boos|belachelijk|waardeloos)\b/;
const POSITIVE = /\b(thanks|thank you|great|awesome|perfect|love|appreciate|gracias|genial|merci|parfait|danke|super|obrigad[oa]|otimo|bedankt|geweldig)\b/;

/** The customer's mood from their recent messages: frustrated, neutral or positive. */
export function detectSentiment(texts: string[]): Sentiment {
  const normalized = normalizeText(texts.join(' \n '));
  const shouting = texts.some((text) => text.length > 12 && text === text.toUpperCase() && /[A-Z]/.test(text));
  if (FRUSTRATED.test(normalized) || shouting || /!{2,}|\?{3,}/.test(normalized)) return 'frustrated';
  if (POSITIVE.test(normalized)) return 'positive';
  return 'neutral';
}

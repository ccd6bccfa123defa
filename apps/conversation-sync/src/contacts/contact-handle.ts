/** Normalises a sender handle so a returning customer maps to the same contact. */
export function normalizeHandle(handle: string): { handle: string; kind: 'email' | 'phone' | 'chat' } {
  const trimmed = handle.trim();
  if (/^[^@\s]+@[^@\s]+$/.test(trimmed)) return { handle: trimmed.toLowerCase(), kind: 'email' };
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (/^\+?\d{6,16}$/.test(digits)) return { handle: digits.startsWith('+') ? digits : `+${digits}`, kind: 'phone' };
  return { handle: trimmed, kind: 'chat' };
}

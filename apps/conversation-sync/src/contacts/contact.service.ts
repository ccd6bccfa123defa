import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';

/** Normalises a sender handle so a returning customer maps to the same contact. */
export function normalizeHandle(handle: string): { handle: string; kind: 'email' | 'phone' | 'chat' } {
  const trimmed = handle.trim();
  if (/^[^@\s]+@[^@\s]+$/.test(trimmed)) return { handle: trimmed.toLowerCase(), kind: 'email' };
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (/^\+?\d{6,16}$/.test(digits)) return { handle: digits.startsWith('+') ? digits : `+${digits}`, kind: 'phone' };
  return { handle: trimmed, kind: 'chat' };
}

const RESOLVE_CONTACT = new PreparedStatement(
  `INSERT INTO sync.contacts (id, org_id, handle, kind, name) VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (org_id, handle) DO UPDATE SET name = COALESCE(sync.contacts.name, EXCLUDED.name)
   RETURNING id`,
);

@Injectable()
export class ContactService {
  /** The org's contact for this handle, created on first sight. */
  async resolveContact(manager: EntityManager, orgId: string, rawHandle: string, name?: string): Promise<string> {
    const { handle, kind } = normalizeHandle(rawHandle);
    const rows: Array<{ id: string }> = await RESOLVE_CONTACT.run(manager, [`ct_${randomBytes(8).toString('hex')}`, orgId, handle, kind, name ?? null]);
    return rows[0].id;
  }
}

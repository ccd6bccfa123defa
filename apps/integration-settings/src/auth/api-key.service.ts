import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { Role } from './api-key.entity';

/** Who is calling: the org, the role and the key id (for the audit log). */
export interface Principal {
  orgId: string;
  role: Role;
  keyId: string;
}

@Injectable()
export class ApiKeyService {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** Creates a key and returns it in clear, the only time it is ever shown. */
  async createKey(orgId: string, role: Role): Promise<{ id: string; key: string }> {
    const key = `fa_${randomBytes(24).toString('base64url')}`;
    const id = `key_${randomBytes(8).toString('hex')}`;
    await this.keys.insertKey({ id, orgId, role, keyHash: hashKey(key), prefix: key.slice(0, 7) });
    return { id, key };
  }

  async authenticate(key: string): Promise<Principal | undefined> {
    const found = await this.keys.findActiveKeyByHash(hashKey(key));
    return found ? { orgId: found.orgId, role: found.role, keyId: found.id } : undefined;
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

import { Injectable } from '@nestjs/common';
import type { FrontClient } from '@front-agent/front-client';

/** The AI's tags by name (`ai-handoff`, `ai-handled`), created in Front when missing; ids cached per company. */
@Injectable()
export class TagDirectoryService {
  private readonly ids = new Map<string, Promise<string>>();

  tagId(client: FrontClient, frontCompanyId: string, name: string): Promise<string> {
    const key = `${frontCompanyId}/${name}`;
    let id = this.ids.get(key);
    if (!id) {
      id = this.findOrCreate(client, name);
      id.catch(() => this.ids.delete(key));
      this.ids.set(key, id);
    }
    return id;
  }

  private async findOrCreate(client: FrontClient, name: string): Promise<string> {
    const find = async () => (await client.listCompanyTags()).find((tag) => tag.name?.toLowerCase() === name)?.id;
    const existing = await find();
    if (existing) return existing;
    try {
      const created = await client.createCompanyTag(name);
      if (created.id) return created.id;
    } catch (error) {
      // Created meanwhile by another replica, or an ambiguous failure: the list tells.
      const found = await find();
      if (found) return found;
      throw error;
    }
    const found = await find();
    if (!found) throw new Error(`tag ${name} could not be created`);
    return found;
  }
}

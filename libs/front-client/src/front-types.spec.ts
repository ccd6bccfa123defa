import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('generated Front API types', () => {
  it('are what `npm run front:types` makes from the committed spec (regenerate after updating the spec)', () => {
    const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['front:types'] as string;
    const args = script.replace(/^openapi-typescript\s+/, '').split(/\s+/);
    const dir = mkdtempSync(join(tmpdir(), 'front-types-'));
    try {
      const out = join(dir, 'front-api.ts');
      const outIndex = args.indexOf('-o');
      args[outIndex + 1] = out;
      execFileSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), args, { cwd: root, stdio: 'pipe' });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(__dirname, 'generated', 'front-api.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

});

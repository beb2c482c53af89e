// The markdown a user reads, which check-readme and tools/docs both hold to the code: README.md,
// CONTRIBUTING.md, the guides in docs/ and each package's README, as paths from the repository.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function markdownFiles(root = '.'): string[] {
  const guides = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const packages = readdirSync(join(root, 'packages'))
    .map((name) => `packages/${name}/README.md`)
    .filter((file) => existsSync(join(root, file)));
  return ['README.md', 'CONTRIBUTING.md', ...guides, ...packages];
}

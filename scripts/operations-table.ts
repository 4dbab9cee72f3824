import { fs, path, repoRoot, log } from 'business-pack-devkit';

import { operationsTable, replaceTables } from '../test/kit/operations-table';
import { nodes } from '../test/kit/pack-contents';

const readmePath = path.join(repoRoot, 'README.md');
fs.writeFileSync(readmePath, replaceTables(fs.readFileSync(readmePath, 'utf8'), nodes.map((n) => operationsTable(n.description))));
log('README operations table updated');

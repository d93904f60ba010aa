// ESLint rule `linli/import-zones`: enforces the import table in zones.js at error level.
import path from 'node:path';
import { builtinModules } from 'node:module';
import { zones, packageZones } from './zones.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtins = new Set(builtinModules);

function zoneOfPath(absolutePath) {
  const relative = path.relative(repoRoot, absolutePath).split(path.sep).join('/');
  return zones.find((zone) => relative.startsWith(zone.dir));
}

/** The zone (or special target) an import specifier points into; undefined for npm packages. */
function targetOf(specifier, fromFile) {
  if (specifier.startsWith('.')) return zoneOfPath(path.resolve(path.dirname(fromFile), specifier))?.name;
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return 'node';
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron';
  const packageName = specifier.split('/').slice(0, 2).join('/');
  return packageZones[packageName];
}

export const importZones = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports within the layers the architecture allows (build/lint/zones.js)' },
    messages: { forbidden: "'{{from}}' may not import '{{specifier}}' (zone '{{to}}'); allowed: {{allowed}}" },
    schema: [],
  },
  create(context) {
    const fromZone = zoneOfPath(context.filename);
    if (!fromZone) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const to = targetOf(source.value, context.filename);
      if (to === undefined || to === fromZone.name || fromZone.may.includes(to)) return;
      context.report({
        node,
        messageId: 'forbidden',
        data: {
          from: fromZone.name,
          specifier: source.value,
          to,
          allowed: fromZone.may.join(', ') || 'nothing outside itself',
        },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

/** React function components and hooks (TSX). */
import type { FileBuilder } from './builder';
import { pascal, plural } from './names';

export function componentBlock(b: FileBuilder, requestedName?: string): string[] {
  const noun = b.names.noun();
  const name = b.declare(requestedName ?? `${pascal(b.names.adjective())}${pascal(noun)}Card`);
  const props = b.declare(`${name}Props`);
  const itemType = b.takeSibling('type')?.name ?? `{ id: string; label: string }`;
  const useState = b.useNamed('react', 'useState');
  const useMemo = b.useNamed('react', 'useMemo');
  const hook = b.takeSibling('hook');
  const child = b.takeSibling('component');
  const hookLine = hook ? [`  const ${noun}Data = ${hook.name}(query);`] : [];
  const loadingLine = hook ? [`      {${noun}Data.loading && <p className="hint">Loading…</p>}`] : [];
  const childLine = child ? [`      <${child.name} ${plural(noun)}={visible} />`] : [];
  return [
    `interface ${props} {`,
    `  ${plural(noun)}: ReadonlyArray<${itemType}>;`,
    '  title?: string;',
    `  onSelect?: (id: string) => void;`,
    '}',
    '',
    `export function ${name}({ ${plural(noun)}, title = '${pascal(b.names.adjective())} ${plural(noun)}', onSelect }: ${props}) {`,
    `  const [query, setQuery] = ${useState}('');`,
    `  const [expanded, setExpanded] = ${useState}(false);`,
    ...hookLine,
    `  const visible = ${useMemo}(`,
    `    () => ${plural(noun)}.filter((item) => JSON.stringify(item).toLowerCase().includes(query.toLowerCase())),`,
    `    [${plural(noun)}, query],`,
    '  );',
    '',
    '  return (',
    `    <section className="${noun}-card" aria-expanded={expanded}>`,
    '      <header>',
    '        <h3>{title}</h3>',
    '        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Filter" />',
    '        <button type="button" onClick={() => setExpanded((value) => !value)}>',
    "          {expanded ? 'Hide' : 'Show'} details",
    '        </button>',
    '      </header>',
    ...loadingLine,
    '      {expanded && (',
    '        <ul>',
    '          {visible.map((item) => (',
    '            <li key={item.id} onClick={() => onSelect?.(item.id)}>',
    '              {item.id}',
    '            </li>',
    '          ))}',
    '        </ul>',
    '      )}',
    ...childLine,
    '    </section>',
    '  );',
    '}',
  ];
}

export function hookBlock(b: FileBuilder, requestedName?: string): string[] {
  const noun = b.names.noun();
  const name = b.declare(requestedName ?? `use${pascal(b.names.adjective())}${pascal(plural(noun))}`);
  const useState = b.useNamed('react', 'useState');
  const useEffect = b.useNamed('react', 'useEffect');
  const loader = b.takeSibling('function');
  const load = loader ? `${loader.name}` : `(key: string) => fetch(\`/api/${plural(noun)}?q=\${encodeURIComponent(key)}\`).then((response) => response.json())`;
  return [
    '/** Loads data for a key and ignores responses that arrive after the key changed. */',
    `export function ${name}(key: string) {`,
    `  const [data, setData] = ${useState}<unknown>(undefined);`,
    `  const [error, setError] = ${useState}<Error | null>(null);`,
    '',
    `  ${useEffect}(() => {`,
    '    let cancelled = false;',
    `    const load = ${load};`,
    '    Promise.resolve(load(key))',
    '      .then((result) => {',
    '        if (!cancelled) setData(result);',
    '      })',
    '      .catch((reason: unknown) => {',
    '        if (!cancelled) setError(reason instanceof Error ? reason : new Error(String(reason)));',
    '      });',
    '    return () => {',
    '      cancelled = true;',
    '    };',
    '  }, [key]);',
    '',
    '  return { data, error, loading: data === undefined && error === null };',
    '}',
  ];
}

/** Express routers: the router declaration, handlers and middleware. */
import type { FileBuilder } from './builder';
import { pascal, plural } from './names';

export function routerBlock(b: FileBuilder, routerName: string): string[] {
  const Router = b.useNamed('express', 'Router');
  const mounted = b.takeSibling('router');
  const mount = mounted ? ['', `${routerName}.use('/${mounted.name.replace(/Router$/, '')}s', ${mounted.name});`] : [];
  return [`export const ${routerName} = ${Router}();`, ...mount];
}

export function handlerBlock(b: FileBuilder, routerName: string): string[] {
  const noun = b.names.noun();
  const Request = b.useNamed('express', 'Request', true);
  const Response = b.useNamed('express', 'Response', true);
  const NextFunction = b.useNamed('express', 'NextFunction', true);
  const service = b.takeSibling('class');
  const lookup = service
    ? [`    const service = new ${service.name}(req.app.locals.dataSource.getRepository('${noun}'));`, `    const ${noun} = await service.findById(req.params.id);`]
    : [`    const ${noun} = await req.app.locals.db.${plural(noun)}.findUnique({ where: { id: req.params.id } });`];
  const method = b.random.pick(['get', 'get', 'put', 'delete', 'post']);
  const path = method === 'post' ? `/${plural(noun)}` : `/${plural(noun)}/:id`;
  return [
    `${routerName}.${method}('${path}', async (req: ${Request}, res: ${Response}, next: ${NextFunction}) => {`,
    '  try {',
    ...lookup,
    `    if (!${noun}) {`,
    `      res.status(404).json({ error: '${noun} not found' });`,
    '      return;',
    '    }',
    method === 'delete' ? '    res.status(204).end();' : `    res.json({ data: ${noun}, fetchedAt: new Date().toISOString() });`,
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
  ];
}

export function middlewareBlock(b: FileBuilder): string[] {
  const name = b.declare(`require${pascal(b.names.adjective())}${pascal(b.names.noun())}`);
  const Request = b.useNamed('express', 'Request', true);
  const Response = b.useNamed('express', 'Response', true);
  const NextFunction = b.useNamed('express', 'NextFunction', true);
  const header = b.random.pick(['x-tenant-id', 'x-request-id', 'authorization', 'x-workspace']);
  return [
    `/** Rejects requests without the \`${header}\` header before any handler runs. */`,
    `export function ${name}(req: ${Request}, res: ${Response}, next: ${NextFunction}): void {`,
    `  const value = req.header('${header}');`,
    '  if (!value) {',
    `    res.status(${b.random.pick([400, 401, 403])}).json({ error: 'missing ${header}' });`,
    '    return;',
    '  }',
    '  res.locals.requestContext = { ...res.locals.requestContext, value };',
    '  next();',
    '}',
  ];
}

// The client's files are ES modules that browsers load as such; no
// package.json says so (the client folder is served as it is).  Node 20.19
// and newer see it from the syntax; older ones (Debian 12 has 18.19) are told
// here, for the files of client/ only.

const CLIENT = new URL('../../client/', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith(CLIENT) && resolved.url.endsWith('.js')) {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}

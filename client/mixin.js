// A class whose methods live in several modules, one concept each.
//
// `mixin(Target, Source, ...)` installs every method (and getter) of each
// source class on the target class, as if written there: the target reads as
// one API (Lona's names stay where Lona has them), each module as one concept.
// A name defined twice is a mistake and fails at load, never silently.

export function mixin(target, ...sources) {
  for (const source of sources) {
    for (const name of Object.getOwnPropertyNames(source.prototype)) {
      if (name === 'constructor') {
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(target.prototype, name)) {
        throw new Error(`lona: ${target.name}.${name} is defined twice`);
      }
      Object.defineProperty(target.prototype, name,
        Object.getOwnPropertyDescriptor(source.prototype, name));
    }
  }
}

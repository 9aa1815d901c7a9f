import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Target = Parameters<Lookup>[0] | Parameters<Lookup>[1];
type ValidationMetadata = ReturnType<Lookup>[number];
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const installed = new WeakSet<Storage>();

/**
 * class-validator works out a class's rules again on every validation: it filters its metadata
 * and walks every registered class to find parents with an `instanceof` each, then groups the
 * result by property (4 % of the gateway's CPU under load, with a few hundred DTO classes).
 * Rules only change when a decorator registers one, so the answers are kept per class and
 * options and forgotten whenever anything is registered. Both lookups are the storage's own
 * public methods; the results are read, never changed, by the validator.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let byTarget = new Map<Target, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    byTarget = new Map();
    grouped = new WeakMap();
  };

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(options);
    if (!found) forTarget.set(options, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
  for (const register of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = (storage[register] as (arg: unknown) => void).bind(storage);
    (storage as unknown as Record<string, (arg: unknown) => void>)[register] = (arg) => {
      forget();
      original(arg);
    };
  }
}

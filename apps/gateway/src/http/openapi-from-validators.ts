import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

// class-transformer keeps its @Type() registry in a module its typings do not map to a path
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

/** Swagger's hook for classes without @ApiProperty (what its CLI plugin generates). */
const METADATA_FACTORY = '_OPENAPI_METADATA_FACTORY';

type Ctor = abstract new (...args: never[]) => unknown;
type PropertyDoc = Record<string, unknown>;

/** Swagger recognises a lazy type by the function's name, `type`, as its plugin writes it. */
const lazyType = (t: unknown) => ({ type: () => t }).type;

/** One class-validator rule's contribution to a property's OpenAPI description. */
function applyRule(doc: PropertyDoc, name: string | undefined, constraints: unknown[], each: boolean) {
  const [first, second] = constraints ?? [];
  const scalar: Record<string, () => void> = {
    isString: () => (doc.type = lazyType(String)),
    isInt: () => (doc.type = lazyType(Number)),
    isNumber: () => (doc.type = lazyType(Number)),
    isBoolean: () => (doc.type = lazyType(Boolean)),
    isLatitude: () => ((doc.type = lazyType(Number)), (doc.minimum = -90), (doc.maximum = 90)),
    isLongitude: () => ((doc.type = lazyType(Number)), (doc.minimum = -180), (doc.maximum = 180)),
    isEmail: () => ((doc.type = lazyType(String)), (doc.format = 'email')),
    isUrl: () => ((doc.type = lazyType(String)), (doc.format = 'uri')),
    isDateString: () => ((doc.type = lazyType(String)), (doc.format = 'date-time')),
    isIso8601: () => ((doc.type = lazyType(String)), (doc.format = 'date-time')),
    isIn: () => (doc.enum = first as unknown[]),
    matches: () => (doc.pattern = String((first as RegExp).source ?? first)),
    maxLength: () => (doc.maxLength = first),
    minLength: () => (doc.minLength = first),
    isLength: () => ((doc.minLength = first), second != null && (doc.maxLength = second)),
    min: () => (doc.minimum = first),
    max: () => (doc.maximum = second ?? first),
    isArray: () => (doc.isArray = true),
    arrayMaxSize: () => ((doc.isArray = true), (doc.maxItems = first)),
    arrayMinSize: () => ((doc.isArray = true), (doc.minItems = first)),
  };
  if (name && scalar[name]) scalar[name]();
  if (each) doc.isArray = true;
}

/**
 * Gives a validated class (a libs/contracts payload, which must not depend on @nestjs/swagger)
 * and the classes nested in it an OpenAPI description built from their class-validator and
 * class-transformer decorators, so the gateway's docs show the same fields and limits the
 * validation pipe enforces. Returns the class, for `@ApiBody({ type: describedForOpenApi(X) })`.
 */
export function describedForOpenApi<T extends Ctor>(target: T, seen = new Set<Ctor>()): T {
  if (seen.has(target)) return target;
  seen.add(target);
  const docs: Record<string, PropertyDoc> = {};
  const rules = getMetadataStorage().getTargetValidationMetadatas(
    target as unknown as new () => object,
    '',
    true,
    false,
  );
  for (const rule of rules) {
    const doc = (docs[rule.propertyName] ??= { required: true });
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) doc.required = false;
    else if (rule.type === ValidationTypes.NESTED_VALIDATION) {
      const nested = defaultMetadataStorage.findTypeMetadata(target, rule.propertyName)?.typeFunction() as
        Ctor | undefined;
      if (nested) doc.type = { type: () => describedForOpenApi(nested, seen) }.type;
      if (rule.each) doc.isArray = true;
    } else applyRule(doc, rule.name, rule.constraints, rule.each);
  }
  Object.defineProperty(target, METADATA_FACTORY, { value: () => docs, configurable: true });
  return target;
}

// SWC settings shared by jest and the runtime register hook: legacy decorators
// with metadata, which NestJS, TypeORM and class-validator rely on.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

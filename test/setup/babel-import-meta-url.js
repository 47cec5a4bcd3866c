// Babel plugin for Jest only: turns `import.meta.url` into the CommonJS file URL of the same module,
// so ES-module packages compiled to CommonJS for Jest keep working (`createRequire(import.meta.url)`).
module.exports = function importMetaUrl({ types: t }) {
  return {
    visitor: {
      MetaProperty(path) {
        const parent = path.parentPath;
        if (!parent.isMemberExpression() || parent.node.property.name !== 'url') return;
        parent.replaceWith(t.binaryExpression('+', t.stringLiteral('file://'), t.identifier('__filename')));
      },
    },
  };
};

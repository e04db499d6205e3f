/**
 * `cem analyze` configuration: the custom elements manifest that describes
 * the public API of the widgets (tags, attributes, properties, events, slots,
 * CSS parts and custom properties). scripts/manifest.mjs and
 * scripts/api-report.mjs read it; docs/public-api.md freezes it.
 *
 * Everything is documented once, where it is declared: attributes and
 * properties in the JSDoc of their `@property` (a `@type` there when HTML takes
 * fewer values than the field's type says), events, slots and CSS in the class
 * header, the parts and custom properties every widget or every form shares on
 * its base class. The plugin below adds only what the analyzer cannot infer:
 * - an attribute's type as HTML sees it: its field's, without `| undefined`
 *   (an attribute is there or not); test/api/manifest.node.test.ts checks it
 *   against the field's type;
 * - nothing private leaks: `#x`, `private`, `protected` (Lit's `@state()`
 *   included) and `_x` members are removed from every class;
 * - members inherited from a generic base are shown with the subclass's type
 *   arguments (`showReceipt(receipt: EnrolmentReceipt)`, not `TReceipt`);
 * - `src/define.ts` lists the tags it registers (`custom-element-definition`).
 *
 * `packagejson: false`: the analyzer would otherwise rewrite package.json's
 * `customElements` field (to whatever `--outdir` is) on every run.
 */

/** className -> { typeParams, superArgs }: `class A<T> extends B<X, Y>`. */
const generics = new Map();

function genericClasses() {
  return {
    name: 'campus-generic-classes',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      generics.set(node.name.getText(), {
        typeParams: node.typeParameters?.map((param) => param.name.getText()) ?? [],
        superArgs: heritage?.typeArguments?.map((arg) => arg.getText()) ?? [],
      });
    },
  };
}

/** Replaces type parameters by their arguments in a type text. */
function substitute(text, mapping) {
  if (!text || !mapping.size) return text;
  return text.replace(/\b[A-Za-z_$][\w$]*\b/g, (word) => mapping.get(word) ?? word);
}

/** For each ancestor of `decl`: its type parameters -> their arguments as seen from `decl`. */
function ancestorMappings(decl, classes) {
  const result = new Map();
  let mapping = new Map();
  for (let klass = decl; klass?.superclass?.name; ) {
    const superDecl = classes.get(klass.superclass.name);
    const { superArgs = [] } = generics.get(klass.name) ?? {};
    const { typeParams = [] } = generics.get(klass.superclass.name) ?? {};
    const next = new Map();
    typeParams.forEach((param, i) => {
      if (superArgs[i] !== undefined) next.set(param, substitute(superArgs[i], mapping));
    });
    result.set(klass.superclass.name, next);
    mapping = next;
    klass = superDecl;
  }
  return result;
}

/** A copy of an inherited item with its types in the subclass's terms (items are shared between classes). */
function specialise(item, mapping) {
  const type = (t) => (t?.text ? { ...t, text: substitute(t.text, mapping) } : t);
  const copy = { ...item };
  if (item.type) copy.type = type(item.type);
  if (item.return?.type) copy.return = { ...item.return, type: type(item.return.type) };
  if (item.parameters) copy.parameters = item.parameters.map((p) => (p.type ? { ...p, type: type(p.type) } : p));
  return copy;
}

const isInternal = (member) =>
  member.privacy === 'private' ||
  member.privacy === 'protected' ||
  member.name.startsWith('#') ||
  member.name.startsWith('_');

function publicApi() {
  return {
    name: 'campus-public-api',
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind === 'class') classes.set(decl.name, decl);
        }
      }
      for (const decl of classes.values()) {
        if (decl.members) decl.members = decl.members.filter((member) => !isInternal(member));
        const mappings = ancestorMappings(decl, classes);
        for (const kind of ['members', 'attributes', 'events']) {
          if (!decl[kind]) continue;
          decl[kind] = decl[kind].map((item) => {
            const mapping = item.inheritedFrom && mappings.get(item.inheritedFrom.name);
            return mapping?.size ? specialise(item, mapping) : item;
          });
        }
        const fields = new Map((decl.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
        for (const attr of decl.attributes ?? []) {
          const field = attr.fieldName ? fields.get(attr.fieldName) : undefined;
          const type = (field?.type ?? attr.type)?.text?.replace(/\s*\|\s*undefined\b/g, '');
          if (type) attr.type = { text: type };
        }
        // An attribute of a field that is not public (none today) is not public either.
        if (decl.attributes) {
          decl.attributes = decl.attributes.filter((attr) => !attr.fieldName || fields.has(attr.fieldName));
        }
      }

      // `import 'campus-widgets/define'` registers every tag.
      const defineModule = customElementsManifest.modules.find((mod) => mod.path === 'src/define.ts');
      if (defineModule) {
        defineModule.exports ??= [];
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.customElement || !decl.tagName) continue;
            defineModule.exports.push({
              kind: 'custom-element-definition',
              name: decl.tagName,
              declaration: { name: decl.name, module: mod.path },
            });
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // Message catalogues and style sheets hold no API, only large default values.
  exclude: ['src/locales/**', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [genericClasses(), publicApi()],
};

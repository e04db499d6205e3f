/**
 * `cem analyze` configuration: the custom elements manifest that describes
 * the public API of the widgets (tags, attributes, properties, events, slots,
 * CSS parts and custom properties). scripts/manifest.mjs and
 * scripts/api-report.mjs read it; docs/public-api.md freezes it.
 *
 * The analyzer's own output is completed by the plugins below:
 * - attribute types as documented by `@attr {type} name` in the class JSDoc
 *   (the analyzer keeps the field's TypeScript type, e.g. `Sort | undefined`
 *   where HTML takes `'relevance' | 'title' | …`); test/api/manifest.node.test.ts
 *   checks that each documented type equals the field's type;
 * - nothing private leaks: `#x`, `private`, `protected` (Lit's `@state()`
 *   included) and `_x` members are removed from every class;
 * - fields without a description take their attribute's, and back; a field
 *   without a type (`pageSize = DEFAULT_PAGE_SIZE`) takes its attribute's;
 * - members inherited from a generic base are shown with the subclass's type
 *   arguments (`showReceipt(receipt: EnrolmentReceipt)`, not `TReceipt`);
 * - `src/define.ts` lists the tags it registers (`custom-element-definition`).
 *
 * `packagejson: false`: the analyzer would otherwise rewrite package.json's
 * `customElements` field (to whatever `--outdir` is) on every run.
 */

/** className -> Map(attribute name -> documented type), from `@attr {type} name`. */
const documentedAttrTypes = new Map();
/** className -> { typeParams, superArgs }: `class A<T> extends B<X, Y>`. */
const generics = new Map();

/** `@attr {type} name` tags of a JSDoc block, with nested braces in the type. */
function attrTags(text) {
  const found = [];
  const tag = /@(?:attr|attribute)\s*\{/g;
  while (tag.exec(text)) {
    let depth = 1;
    let i = tag.lastIndex;
    for (; i < text.length && depth; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    const type = text
      .slice(tag.lastIndex, i - 1)
      .replace(/\s*\n\s*\*?\s*/g, ' ')
      .trim();
    const name = /^\s*([\w-]+)/.exec(text.slice(i))?.[1];
    if (name && type) found.push({ name, type });
    tag.lastIndex = i;
  }
  return found;
}

function documentedAttributeTypes() {
  return {
    name: 'campus-documented-attribute-types',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      generics.set(node.name.getText(), {
        typeParams: node.typeParameters?.map((param) => param.name.getText()) ?? [],
        superArgs: heritage?.typeArguments?.map((arg) => arg.getText()) ?? [],
      });
      const types = new Map();
      for (const doc of node.jsDoc ?? []) {
        for (const { name, type } of attrTags(doc.getFullText())) types.set(name, type);
      }
      if (types.size) documentedAttrTypes.set(node.name.getText(), types);
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
      /** The documented type of an attribute, from the class or the nearest ancestor that documents it. */
      const documentedType = (decl, attr) => {
        for (let klass = decl; klass; klass = classes.get(klass.superclass?.name)) {
          const type = documentedAttrTypes.get(klass.name)?.get(attr);
          if (type) return type;
        }
        return undefined;
      };

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
          const type = documentedType(decl, attr.name);
          if (type) attr.type = { text: type };
          const field = attr.fieldName ? fields.get(attr.fieldName) : undefined;
          if (field && !field.description && attr.description) field.description = attr.description;
          if (field && !attr.description && field.description) attr.description = field.description;
          if (field && !field.type && type) field.type = { text: type };
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
  plugins: [documentedAttributeTypes(), publicApi()],
};

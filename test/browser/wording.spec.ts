import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

type Dictionary = Record<string, string>;

/**
 * A module of the browser client (an ES module, which jest's CommonJS runtime cannot load as it is), compiled to
 * CommonJS and run; its relative imports the same way. Packages (preact's hooks) are left empty: what is read here
 * runs none of their code.
 */
function loadClientModule(file: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, unknown> };
  const load = (spec: string) =>
    spec.startsWith('.') ? loadClientModule(`${resolve(dirname(file), spec)}.ts`) : {};
  new Function('require', 'module', 'exports', outputText)(load, module, module.exports);
  return module.exports;
}

/**
 * The browser client's two dictionaries (German, English), with every text the screens keep beside them, as the
 * client builds them (i18n.ts needs only `document`, to set `lang`).
 */
function dictionaries(): { de: Dictionary; en: Dictionary } {
  const scope = globalThis as { document?: unknown };
  scope.document ??= { documentElement: {} };
  const i18n = loadClientModule(join(__dirname, '..', '..', 'apps', 'web', 'src', 'lib', 'i18n.ts')) as {
    dictionary(locale: 'de' | 'en'): Dictionary;
  };
  return { de: i18n.dictionary('de'), en: i18n.dictionary('en') };
}

/**
 * How the German interface must not speak: "du" and its forms (official communication says "Sie"), including the
 * verb forms and imperatives of "du" the interface would use. Whole words, any case.
 */
const DU_FORMS = [
  'du',
  'dich',
  'dir',
  'dein',
  'deine',
  'deinen',
  'deinem',
  'deiner',
  'deines',
  'euch',
  'euer',
  'eure',
  'euren',
  'eurem',
  'eurer',
  'eures',
  'bist',
  'hast',
  'kannst',
  'darfst',
  'musst',
  'sollst',
  'willst',
  'wirst',
  'melde',
  'prüfe',
  'versuche es', // not "Versuche" alone: the plural of "Versuch"
  'warte',
  'lade',
  'nutze',
  'lege',
  'markiere',
  'schließe',
  'übertrage',
  'wähle',
  'gib',
];
const DU = new RegExp(`(?<!\\p{L})(${DU_FORMS.join('|')})(?!\\p{L})`, 'iu');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the browser client’s wording', () => {
  const { de, en } = dictionaries();

  it('addresses people as "Sie" in German: no du-form in any text', () => {
    const du = Object.entries(de)
      .filter(([, text]) => DU.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(du).toEqual([]);
    // The check itself catches what it looks for.
    expect(
      ['Melde dich an.', 'Dein Beitrag', 'Hast du Fragen?', 'Prüfe deine Eingabe'].filter((s) => DU.test(s)),
    ).toHaveLength(4);
    expect(
      ['Melden Sie sich an.', 'Ihr Beitrag', 'Duisburg', 'Direktorin', 'dürfen'].some((s) => DU.test(s)),
    ).toBe(false);
  });

  it('has the same keys in German and English, every text filled in, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    expect(Object.entries({ ...de, ...en }).filter(([, text]) => !text.trim())).toEqual([]);
    const mismatched = Object.keys(de).filter(
      (key) => placeholders(de[key]).join() !== placeholders(en[key] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('names every kind of search hit in both languages', () => {
    for (const kind of ['thread', 'post', 'draft']) {
      expect(de[`hit_${kind}`]).toEqual(expect.any(String));
      expect(en[`hit_${kind}`]).toEqual(expect.any(String));
    }
  });
});

import * as fs from 'node:fs';
import Handlebars from 'handlebars';

/**
 * Handlebars for chart *structure*. Feature packages write the templates; user values never go
 * through Handlebars (they reach charts as values.yaml data). Helm/Go-template expressions pass
 * through untouched in either of two forms:
 *   {{{{raw}}}} ... {{ .Values.x }} ... {{{{/raw}}}}     a raw block, copied verbatim
 *   {{helm "toYaml .Values.sccp.pools | nindent 4"}}    one Helm action, emitted as {{ ... }}
 * Rendering is strict: a missing variable is an error, not an empty string.
 */
export function createTemplateEnv(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('raw', function (this: unknown, options: Handlebars.HelperOptions) {
    return options.fn(this);
  });
  hb.registerHelper('helm', (expr: unknown) => {
    if (typeof expr !== 'string') throw new Error('helm helper takes one string: the Go-template action');
    return `{{ ${expr} }}`;
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  return hb;
}

const env = createTemplateEnv();
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Render Handlebars source with a structural context (booleans, feature-chosen names). */
export function renderTemplate(source: string, context: Record<string, unknown> = {}): string {
  let t = cache.get(source);
  if (!t) {
    t = env.compile(source, { noEscape: true, strict: true });
    cache.set(source, t);
  }
  return t(context);
}

export function renderTemplateFile(file: string, context: Record<string, unknown> = {}): string {
  return renderTemplate(fs.readFileSync(file, 'utf8'), context);
}

/**
 * Expands LSP/TextMate snippet syntax to the text a user gets by accepting every default:
 * `${1:default}` (nested too) becomes its default, `${1|a,b|}` its first choice, `$1`/`${1}`/`$0`
 * nothing, `\$`, `\}` and `\\` their characters. Used to show snippets to clients without snippet
 * support and to check that each snippet's defaults form a valid manifest.
 */
export function expandSnippet(body: string): string {
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && stopAtBrace) {
        return out;
      } else if (c === '$') {
        out += placeholder();
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  const placeholder = (): string => {
    // at '$'
    const simple = /^\$(\d+|[A-Z_]+)/.exec(body.slice(i));
    if (simple) {
      i += simple[0].length;
      return '';
    }
    if (body[i + 1] !== '{') {
      i++;
      return '$';
    }
    i += 2;
    const head = /^(\d+|[A-Z_]+)/.exec(body.slice(i));
    if (!head) return '${';
    i += head[0].length;
    if (body[i] === '}') {
      i++;
      return '';
    }
    if (body[i] === ':') {
      i++;
      const inner = parse(true);
      i++; // '}'
      return inner;
    }
    if (body[i] === '|') {
      const end = body.indexOf('|}', i + 1);
      const choices = body.slice(i + 1, end < 0 ? body.length : end);
      i = end < 0 ? body.length : end + 2;
      return (choices.split(/(?<!\\),/)[0] ?? '').replace(/\\(.)/g, '$1');
    }
    return '';
  };
  return parse(false);
}

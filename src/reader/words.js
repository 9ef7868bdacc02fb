// The page's own words for its scripts: ICU messages from the site's locale file (src/locales/),
// handed over in a data-words attribute ({ locale, messages }) by the `scriptWords` filter. This
// formats the part of ICU MessageFormat the locale files use in scripts: {name}, {name, number}
// and {name, plural, =0 {…} one {…} other {…}} with # for the number, by Intl.PluralRules.

/** The words an element carries: `format(key, values)` gives the message as text. */
export function wordsOf(element) {
  const { locale, messages } = JSON.parse(element.dataset.words ?? "{}");
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  return (key, values = {}) => render(messages?.[key] ?? key, values, numbers, plurals, undefined);
}

/** The text up to the brace that closes the one at `start` (exclusive), and where it ends. */
function group(message, start) {
  let depth = 0;
  for (let i = start; i < message.length; i++) {
    if (message[i] === "{") depth++;
    else if (message[i] === "}" && --depth === 0) return { body: message.slice(start + 1, i), end: i + 1 };
  }
  return { body: message.slice(start + 1), end: message.length };
}

function render(message, values, numbers, plurals, hash) {
  let out = "";
  for (let i = 0; i < message.length; ) {
    const c = message[i];
    if (c === "#" && hash !== undefined) {
      out += numbers.format(hash);
      i++;
    } else if (c === "{") {
      const { body, end } = group(message, i);
      out += argument(body, values, numbers, plurals);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function argument(body, values, numbers, plurals) {
  const [name, type] = body.split(",", 2).map((s) => s.trim());
  const value = values[name];
  if (!type) return String(value ?? "");
  if (type === "number") return numbers.format(value);
  if (type !== "plural" && type !== "select") return String(value ?? "");
  // the cases after "name, plural,": selector {message} pairs
  const cases = {};
  let rest = body.slice(body.indexOf(",", body.indexOf(",") + 1) + 1);
  for (;;) {
    const open = rest.indexOf("{");
    if (open < 0) break;
    const selector = rest.slice(0, open).trim();
    const { body: text, end } = group(rest, open);
    cases[selector] = text;
    rest = rest.slice(end);
  }
  const chosen =
    type === "plural"
      ? (cases[`=${value}`] ?? cases[plurals.select(value)] ?? cases.other ?? "")
      : (cases[value] ?? cases.other ?? "");
  return render(chosen, values, numbers, plurals, type === "plural" ? value : undefined);
}

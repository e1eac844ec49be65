/** Quote a string as one single-quoted shell word (POSIX): ' becomes '\''. */
export function shellSingleQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A cheap check that a shell command's quotes are balanced (single, double,
 * backslash escapes), for linting pasted commands where bash is not at hand.
 * Returns the 0-based offset of the unclosed quote, or null.
 */
export function unbalancedQuoteAt(cmd: string): number | null {
  let quote: "'" | '"' | null = null;
  let openedAt = -1;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      openedAt = i;
    }
  }
  return quote === null ? null : openedAt;
}

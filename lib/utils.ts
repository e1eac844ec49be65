import { clsx, type ClassValue } from 'clsx';

/**
 * The conflict group of a Tailwind class (variants kept), for the classes this
 * UI really combines: a component's base classes and a caller's className that
 * overrides some of them (Card's `p-4 border-border` + `p-0 border-fail`).
 * null: no group (always kept). tailwind-merge did this for every utility at
 * ~8 kB gzip on every page; this covers the families used here (see
 * test/unit/cn.test.ts) and keeps the first-load JS budget.
 */
const GROUPS: [RegExp, string | null][] = [
  [/^p-/, 'p'],
  [/^px-/, 'px'],
  [/^py-/, 'py'],
  [/^pt-/, 'pt'],
  [/^pb-/, 'pb'],
  [/^m-/, 'm'],
  [/^mt-/, 'mt'],
  [/^mb-/, 'mb'],
  [/^h-/, 'h'],
  [/^w-/, 'w'],
  [/^rounded(-|$)/, 'rounded'],
  [/^shadow(-|$)/, 'shadow'],
  [/^bg-/, 'bg'],
  [/^text-(xs|sm|base|lg|xl|\d?xl)$/, 'text-size'],
  [/^text-(left|center|right)$/, 'text-align'],
  [/^text-/, 'text-color'],
  [/^border-(\d|[xytblr](-|$))/, null],
  [/^border$/, 'border-w'],
  [/^border-/, 'border-color'],
  [/^font-(mono|sans|serif)$/, 'font-family'],
  [/^font-/, 'font-weight'],
  [/^overflow-x-/, 'overflow-x'],
  [/^whitespace-/, 'whitespace'],
  [/^space-y-/, 'space-y'],
  [/^gap-/, 'gap'],
  [/^opacity-/, 'opacity'],
  [/^(block|inline-block|inline|flex|inline-flex|grid|hidden|contents)$/, 'display'],
];

function groupOf(cls: string): string | null {
  const cut = cls.lastIndexOf(':');
  const variants = cut >= 0 ? cls.slice(0, cut + 1) : '';
  const base = cls.slice(cut + 1).replace(/^!/, '');
  for (const [re, group] of GROUPS) if (re.test(base)) return group ? `${variants}${group}` : null;
  return null;
}

/** clsx, then a later class wins over an earlier one of the same group (p-0 after p-4; p-* also replaces px-/py-). */
export function cn(...inputs: ClassValue[]): string {
  const classes = clsx(inputs).split(' ').filter(Boolean);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = classes.length - 1; i >= 0; i--) {
    const c = classes[i] ?? '';
    const g = groupOf(c);
    if (g !== null) {
      if (seen.has(g)) continue;
      seen.add(g);
      if (g.endsWith(':p') || g === 'p') for (const s of ['px', 'py', 'pt', 'pb']) seen.add(g.replace(/p$/, s));
    }
    out.push(c);
  }
  return out.reverse().join(' ');
}

import type { Config } from 'tailwindcss';

/**
 * Theme tokens. Colours are CSS variables (app/globals.css) so light and dark
 * follow the system preference without a class toggle. Tailwind 4 loads this
 * file through `@config` in globals.css.
 */
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        bg: 'var(--bg)',
        fg: 'var(--fg)',
        muted: 'var(--muted)',
        card: 'var(--card)',
        border: 'var(--border)',
        accent: 'var(--accent)',
        'accent-fg': 'var(--accent-fg)',
        pass: 'var(--pass)',
        warn: 'var(--warn)',
        fail: 'var(--fail)',
        unknown: 'var(--unknown)',
        'pass-bg': 'var(--pass-bg)',
        'warn-bg': 'var(--warn-bg)',
        'fail-bg': 'var(--fail-bg)',
        'unknown-bg': 'var(--unknown-bg)',
        code: 'var(--code)',
      },
      fontFamily: {
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
    },
  },
};

export default config;

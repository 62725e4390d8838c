/** The reference site's styles: readable type, a visible focus ring, nothing that needs JavaScript. */
export const SITE_CSS = `
:root { color-scheme: light; --ink: #1f2a24; --accent: #2f5d3a; --muted: #4a5a50; }
body { margin: 0; font: 1.0625rem/1.65 Georgia, 'Times New Roman', serif; color: var(--ink); background: #fbfaf7; }
body > header, main, footer { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; }
body > header nav { padding: 1rem 0; font-family: system-ui, sans-serif; }
a { color: var(--accent); }
a:focus-visible, .button:focus-visible { outline: 3px solid #b3541e; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
h1 { font-size: 2.1rem; line-height: 1.2; }
.meta, .review { color: var(--muted); font-family: system-ui, sans-serif; font-size: .95rem; }
figure { margin: 1.5rem 0; } img { max-width: 100%; height: auto; }
.lead-in { margin-bottom: .25rem; }
.call-to-action { margin: 2rem 0; padding: 1.25rem; border-radius: .5rem; background: #e8f0ea; }
.button { display: inline-block; padding: .6rem 1.1rem; border-radius: .4rem; background: var(--accent); color: #fff; text-decoration: none; font-family: system-ui, sans-serif; }
.disclaimer { margin: 2rem 0; padding: 1rem; border-left: 4px solid var(--muted); background: #f1f0ec; font-size: .95rem; }
.preview-banner { background: #fff3cd; color: #5c4400; text-align: center; padding: .5rem; font-family: system-ui, sans-serif; }
.cards { list-style: none; padding: 0; }
footer { color: var(--muted); font-size: .9rem; padding-bottom: 2rem; }
`

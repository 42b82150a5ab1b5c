// Writes the Descope UI library's own default themes as theme.json holds them.
// Run by `python -m descope_emulator ui install` (descope_emulator/ui_library.py) with node,
// with jsdom installed next to it: node ui_theme.cjs <dist/umd/DescopeDev.js> <out.json>
// The library's development bundle exposes its default light and dark themes and the
// function that turns a theme into the CSS the web component injects; nothing is copied.
'use strict';
const fs = require('fs');
const { JSDOM } = require('jsdom');

const [devBundle, outFile] = process.argv.slice(2);
const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>',
  { runScripts: 'outside-only', pretendToBeVisual: true, url: 'http://localhost/' });
const win = dom.window;
win.matchMedia = win.matchMedia || (() => ({
  matches: false, addListener() {}, removeListener() {},
  addEventListener() {}, removeEventListener() {},
}));
Object.defineProperty(win.document, 'currentScript',
  { value: { src: 'http://localhost/DescopeDev.js', tagName: 'SCRIPT' }, configurable: true });
win.eval(fs.readFileSync(devBundle, 'utf8'));
const dev = win.DescopeDev;
if (!dev || typeof dev.themeToStyle !== 'function') {
  console.error('the bundle has no DescopeDev.themeToStyle');
  process.exit(2);
}
const theme = {
  light: dev.themeToStyle(dev.defaultTheme, 'light'),
  dark: dev.themeToStyle(dev.darkTheme, 'dark'),
};
fs.writeFileSync(outFile, JSON.stringify(theme));
console.log(`theme written: ${Object.keys(theme.light.components).length} components`);

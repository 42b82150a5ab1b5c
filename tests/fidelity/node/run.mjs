// Runs the Node SDK checks against the emulator and prints the results as one JSON object.
// Usage: DESCOPE_BASE_URL=... DESCOPE_PROJECT_ID=... DESCOPE_MANAGEMENT_KEY=... node run.mjs [--list] [name...]
// Output: { "<call>": { "ok": true } | { "ok": false, "error": "..." } }. Every check starts from an
// emptied emulator (POST /emulator/reset).
import './checks_auth.mjs';
import './checks_mgmt.mjs';
import { CHECKS, reset } from './lib.mjs';

const args = process.argv.slice(2);
if (args[0] === '--list') {
  process.stdout.write(JSON.stringify([...CHECKS.keys()]));
} else {
  const names = args.length ? args : [...CHECKS.keys()];
  const results = {};
  for (const name of names) {
    const fn = CHECKS.get(name);
    try {
      if (!fn) throw new Error(`no check named ${name}`);
      await reset();
      await fn();
      results[name] = { ok: true };
    } catch (err) {
      results[name] = { ok: false, error: String((err && err.stack) || err).slice(0, 800) };
    }
  }
  process.stdout.write(JSON.stringify(results));
}

import DescopeClient from '@descope/node-sdk';

// Shared by the checks_*.mjs files: the SDK client under test, the check registry,
// common setups made through the SDK, and helpers for the emulator's side doors (outbox, reset, minted sign-ins, the
// identity-provider page) over plain HTTP, and assertions on the SDK's { ok, data, error } answers.
export const env = {
  base: process.env.DESCOPE_BASE_URL,
  projectId: process.env.DESCOPE_PROJECT_ID,
  managementKey: process.env.DESCOPE_MANAGEMENT_KEY,
};

let counter = 0;
export const uid = (prefix = 'x') => `${prefix}${process.pid}n${++counter}`;
export const email = (prefix = 'u') => `${uid(prefix)}@example.com`;

export function assert(cond, message = 'assertion failed') {
  if (!cond) throw new Error(message);
}

export function eq(actual, expected, what = 'value') {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${what}: expected ${b}, got ${a}`);
}

// The data of a successful SDK answer; throws with the server's error otherwise.
export function ok(res) {
  if (!res || res.ok !== true) {
    throw new Error(`call failed: ${JSON.stringify(res && (res.error || res))}`);
  }
  return res.data;
}

// A refused SDK answer (not an endpoint the emulator lacks: that proves nothing).
export function refused(res) {
  if (res && res.ok) throw new Error(`call did not fail: ${JSON.stringify(res.data)}`);
  const text = JSON.stringify(res && res.error);
  if (text && text.includes('No such endpoint')) throw new Error(`not served: ${text}`);
  return res.error;
}

export async function raw(method, path, body) {
  const resp = await fetch(env.base + path, {
    method,
    headers: { 'content-type': 'application/json',
      authorization: `Bearer ${env.projectId}:${env.managementKey}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  return resp;
}

export async function reset() {
  const r = await raw('POST', '/emulator/reset', {});
  assert(r.status === 200, `reset answered ${r.status}`);
}

export async function outbox(loginId) {
  const r = await fetch(`${env.base}/emulator/outbox.json?loginId=${encodeURIComponent(loginId)}`);
  const { messages } = await r.json();
  assert(messages.length, `no message sent for ${loginId}`);
  return messages[0];
}

export const code = async (loginId) => String((await outbox(loginId)).code);

export async function linkToken(loginId) {
  const msg = await outbox(loginId);
  if (msg.token) return msg.token;
  return new URL(msg.link).searchParams.get('t');
}

export async function minted(loginId, extra = {}) {
  const r = await raw('POST', '/emulator/sign-in', { loginId, ...extra });
  assert(r.status === 200, `sign-in answered ${r.status}`);
  return r.json();
}

// Play the identity provider on the emulator's authorize page; return the code the redirect carries.
export async function idpCode(url, loginId, extra = {}) {
  const state = new URL(url).searchParams.get('state');
  const params = new URLSearchParams({ state, loginId, ...extra });
  const r = await fetch(`${env.base}/emulator/authorize/complete?${params}`, { redirect: 'manual' });
  assert(r.status === 302 || r.status === 303, `authorize/complete answered ${r.status}`);
  return new URL(r.headers.get('location')).searchParams.get('code');
}

// The stand-in provider of One Tap / native sign-in: { idToken, code } for a person.
export async function provider(params) {
  const r = await fetch(`${env.base}/emulator/idp/sign-in?${new URLSearchParams(params)}`);
  assert(r.status === 200, `stand-in provider answered ${r.status}`);
  return r.json();
}

// An ID token with the given claims, signed by a key the emulator never saw.
export async function foreignToken(body) {
  const { generateKeyPairSync, createSign } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'RS256', kid: 'emulator-idp-1', typ: 'JWT' })}.${enc(body)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}

// A session JWT the SDK validates against the project's keys, for the given user.
export async function validSession(sessionJwt, userId) {
  eq((await sdk.validateSession(sessionJwt)).token.sub, userId, 'validated session sub');
}

export function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

export async function totpNow(key) {
  const { createHmac } = await import('node:crypto');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of key.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const digest = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1000000).padStart(6, '0');
}

export const sdk = DescopeClient({
  projectId: env.projectId, managementKey: env.managementKey, baseUrl: env.base,
  logger: { log() {}, debug() {}, info() {}, warn() {}, error() {} },
});
export const m = sdk.management;
export const URI = 'http://127.0.0.1/verify';
export const PWD = 'Str0ng-Passw0rd!';
export const CERT = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----';

//: call name -> async check
export const CHECKS = new Map();
export const check = (name, fn) => {
  if (CHECKS.has(name)) throw new Error(`two checks for ${name}`);
  CHECKS.set(name, fn);
};

// -- common setups ------------------------------------------------------------------------
export async function user(options = {}) {
  const loginId = options.loginId || email();
  const data = ok(await m.user.create(loginId, { email: loginId.includes('@') ? loginId : undefined, ...options }));
  return { loginId, userId: (data.user || data).userId };
}
export async function testUser(options = {}) {
  const loginId = options.loginId || email('t');
  ok(await m.user.createTestUser(loginId, { email: loginId, ...options }));
  return loginId;
}
export async function signedIn(options = {}) {
  const loginId = await testUser(options);
  const { code: c } = ok(await m.user.generateOTPForTestUser('email', loginId));
  const data = ok(await sdk.otp.verify.email(loginId, c));
  return { loginId, ...data };
}
export async function tenant(name = uid('Tenant '), domains = []) {
  return ok(await m.tenant.create(name, domains)).id;
}
export const userOf = (data) => data.user || data;
export async function loadUser(loginId) { return userOf(ok(await m.user.load(loginId))); }
export async function ssoTenant() {
  const tid = await tenant();
  ok(await m.sso.configureMetadata(tid, 'http://127.0.0.1/md.xml', 'http://127.0.0.1/cb', []));
  return tid;
}


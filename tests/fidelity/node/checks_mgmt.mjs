// Checks of the Node SDK's management calls (sdk.management.<area>.<call>), one per call.
import http from 'node:http';
import {
  assert, CERT, check, claims, email, env, eq, idpCode, loadUser, m, ok, PWD, raw, refused, sdk,
  signedIn, ssoTenant, tenant, testUser, uid, user, userOf,
} from './lib.mjs';

const has = (value, needle) => JSON.stringify(value).includes(needle);
const names = (list) => list.map((x) => x.name);

// -- user ---------------------------------------------------------------------------------
const U = 'management.user.';
check(`${U}create`, async () => {
  const tid = await tenant();
  ok(await m.user.create('ada@example.com', { email: 'ada@example.com', displayName: 'Ada', roles: ['Tenant Admin'], userTenants: [{ tenantId: tid, roleNames: ['Tenant Admin'] }] }));
  const u = await loadUser('ada@example.com');
  eq([u.name, u.roleNames, u.status, u.userTenants[0].tenantId], ['Ada', ['Tenant Admin'], 'invited', tid], 'user');
  refused(await m.user.create('ada@example.com', {}));
});
check(`${U}createTestUser`, async () => eq((await loadUser(await testUser())).test, true, 'test'));
check(`${U}invite`, async () => {
  const loginId = email();
  ok(await m.user.invite(loginId, { email: loginId, inviteUrl: 'http://127.0.0.1/inv' }));
  eq((await loadUser(loginId)).status, 'invited', 'status');
});
check(`${U}inviteBatch`, async () => {
  const a = email();
  ok(await m.user.inviteBatch([{ loginId: a, email: a }], 'http://127.0.0.1/inv', true));
  eq((await loadUser(a)).status, 'invited', 'status');
});
check(`${U}createBatch`, async () => {
  const a = email();
  ok(await m.user.createBatch([{ loginId: a, email: a, displayName: 'B' }]));
  eq((await loadUser(a)).name, 'B', 'name');
});
check(`${U}deleteBatch`, async () => {
  const a = await user();
  ok(await m.user.deleteBatch([a.userId]));
  refused(await m.user.load(a.loginId));
});
check(`${U}update`, async () => {
  const { loginId } = await user({ displayName: 'Old', phone: '+15555550140' });
  ok(await m.user.update(loginId, { email: loginId, displayName: 'New' }));
  const u = await loadUser(loginId);
  eq([u.name, u.phone], ['New', ''], 'update replaces the user');
});
check(`${U}patch`, async () => {
  const { loginId } = await user({ displayName: 'Old', phone: '+15555550141' });
  ok(await m.user.patch(loginId, { displayName: 'New' }));
  const u = await loadUser(loginId);
  eq([u.name, u.phone], ['New', '+15555550141'], 'patch keeps the rest');
});
check(`${U}patchBatch`, async () => {
  const { loginId } = await user();
  ok(await m.user.patchBatch([{ loginId, displayName: 'B' }]));
  eq((await loadUser(loginId)).name, 'B', 'name');
});
check(`${U}delete`, async () => {
  const { loginId } = await user();
  ok(await m.user.delete(loginId));
  refused(await m.user.load(loginId));
});
check(`${U}deleteByUserId`, async () => {
  const { userId } = await user();
  ok(await m.user.deleteByUserId(userId));
  refused(await m.user.loadByUserId(userId));
});
check(`${U}deleteAllTestUsers`, async () => {
  const t = await testUser();
  const { loginId } = await user();
  ok(await m.user.deleteAllTestUsers());
  refused(await m.user.load(t));
  await loadUser(loginId);
});
check(`${U}load`, async () => {
  const { loginId, userId } = await user({ displayName: 'L' });
  eq((await loadUser(loginId)).userId, userId, 'userId');
  refused(await m.user.load('nobody@example.com'));
});
check(`${U}loadByUserId`, async () => {
  const { loginId, userId } = await user();
  eq(userOf(ok(await m.user.loadByUserId(userId))).loginIds, [loginId], 'loginIds');
});
check(`${U}logoutUser`, async () => {
  const s = await signedIn();
  ok(await m.user.logoutUser(s.loginId));
  refused(await sdk.refresh(s.refreshJwt));
});
check(`${U}logoutUserByUserId`, async () => {
  const s = await signedIn();
  ok(await m.user.logoutUserByUserId(s.user.userId));
  refused(await sdk.refresh(s.refreshJwt));
});
check(`${U}loadUsers`, async () => {
  const a = await user();
  eq(ok(await m.user.loadUsers([a.userId])).map((u) => u.userId), [a.userId], 'users');
});
check(`${U}searchAll`, async () => {
  const tid = await tenant();
  const inside = await user({ userTenants: [{ tenantId: tid }] });
  await user();
  eq(ok(await m.user.searchAll([tid])).map((u) => u.userId), [inside.userId], 'users');
});
check(`${U}search`, async () => {
  const tid = await tenant();
  const inside = await user({ userTenants: [{ tenantId: tid }] });
  await user();
  const found = ok(await m.user.search({ tenantIds: [tid] }));
  eq((found.users || found).map((u) => u.userId), [inside.userId], 'users');
});
check(`${U}searchTestUsers`, async () => {
  const t = await testUser();
  await user();
  const found = ok(await m.user.searchTestUsers({}));
  eq((found.users || found).map((u) => u.loginIds[0]), [t], 'test users');
});
check(`${U}getProviderToken`, async () => {
  const loginId = email();
  const { url } = ok(await sdk.oauth.start('google', 'http://127.0.0.1/cb'));
  ok(await sdk.oauth.exchange(await idpCode(url, loginId)));
  eq(ok(await m.user.getProviderToken(loginId, 'google')).provider, 'google', 'provider');
});
check(`${U}activate`, async () => {
  const { loginId } = await user();
  ok(await m.user.deactivate(loginId));
  eq(userOf(ok(await m.user.activate(loginId))).status, 'enabled', 'status');
});
check(`${U}deactivate`, async () => {
  const s = await signedIn();
  eq(userOf(ok(await m.user.deactivate(s.loginId))).status, 'disabled', 'status');
  refused(await sdk.refresh(s.refreshJwt));
});
check(`${U}updateLoginId`, async () => {
  const { loginId } = await user();
  ok(await m.user.updateLoginId(loginId, 'renamed@example.com'));
  eq((await loadUser('renamed@example.com')).loginIds, ['renamed@example.com'], 'loginIds');
});
check(`${U}updateEmail`, async () => {
  const { loginId } = await user();
  ok(await m.user.updateEmail(loginId, 'other@example.com', true));
  const u = await loadUser(loginId);
  eq([u.email, u.verifiedEmail], ['other@example.com', true], 'email');
});
check(`${U}updatePhone`, async () => {
  const { loginId } = await user();
  ok(await m.user.updatePhone(loginId, '+15555550150', true));
  const u = await loadUser(loginId);
  eq([u.phone, u.verifiedPhone], ['+15555550150', true], 'phone');
});
check(`${U}updateDisplayName`, async () => {
  const { loginId } = await user();
  ok(await m.user.updateDisplayName(loginId, 'Full', 'Given', 'Mid', 'Fam'));
  const u = await loadUser(loginId);
  eq([u.name, u.givenName, u.middleName, u.familyName], ['Full', 'Given', 'Mid', 'Fam'], 'names');
});
check(`${U}updateUserNames`, async () => {
  const { loginId } = await user();
  ok(await m.user.updateUserNames(loginId, 'Given', 'Mid', 'Fam'));
  eq((await loadUser(loginId)).givenName, 'Given', 'givenName');
});
check(`${U}updatePicture`, async () => {
  const { loginId } = await user();
  ok(await m.user.updatePicture(loginId, 'http://127.0.0.1/p.png'));
  eq((await loadUser(loginId)).picture, 'http://127.0.0.1/p.png', 'picture');
});
check(`${U}updateCustomAttribute`, async () => {
  ok(await m.user.createCustomAttributes([{ name: 'plan', displayName: 'Plan', type: 1 }]));
  const { loginId } = await user();
  ok(await m.user.updateCustomAttribute(loginId, 'plan', 'pro'));
  eq((await loadUser(loginId)).customAttributes.plan, 'pro', 'plan');
});
check(`${U}setRoles`, async () => {
  ok(await m.role.create('viewer'));
  const { loginId } = await user({ roles: ['Tenant Admin'] });
  ok(await m.user.setRoles(loginId, ['viewer']));
  eq((await loadUser(loginId)).roleNames, ['viewer'], 'roles');
});
check(`${U}addRoles`, async () => {
  ok(await m.role.create('viewer'));
  const { loginId } = await user({ roles: ['Tenant Admin'] });
  ok(await m.user.addRoles(loginId, ['viewer']));
  eq((await loadUser(loginId)).roleNames.sort(), ['Tenant Admin', 'viewer'], 'roles');
});
check(`${U}removeRoles`, async () => {
  const { loginId } = await user({ roles: ['Tenant Admin'] });
  ok(await m.user.removeRoles(loginId, ['Tenant Admin']));
  eq((await loadUser(loginId)).roleNames, [], 'roles');
});
check(`${U}addTenant`, async () => {
  const tid = await tenant();
  const { loginId } = await user();
  ok(await m.user.addTenant(loginId, tid));
  eq((await loadUser(loginId)).userTenants.map((t) => t.tenantId), [tid], 'tenants');
});
check(`${U}removeTenant`, async () => {
  const tid = await tenant();
  const other = await tenant();
  const s = await signedIn({ userTenants: [{ tenantId: tid }, { tenantId: other }] });
  const selected = ok(await sdk.selectTenant(tid, s.refreshJwt));
  ok(await m.user.removeTenant(s.loginId, tid));
  eq((await loadUser(s.loginId)).userTenants.map((t) => t.tenantId), [other], 'tenants');
  eq(claims(ok(await sdk.refresh(selected.refreshJwt)).sessionJwt).dct, other, 'dct: the one left');
});
check(`${U}setTenantRoles`, async () => {
  const tid = await tenant();
  ok(await m.role.create('member'));
  const { loginId } = await user({ userTenants: [{ tenantId: tid, roleNames: ['Tenant Admin'] }] });
  ok(await m.user.setTenantRoles(loginId, tid, ['member']));
  eq((await loadUser(loginId)).userTenants[0].roleNames, ['member'], 'roles');
});
check(`${U}addTenantRoles`, async () => {
  const tid = await tenant();
  const { loginId } = await user({ userTenants: [{ tenantId: tid }] });
  ok(await m.user.addTenantRoles(loginId, tid, ['Tenant Admin']));
  eq((await loadUser(loginId)).userTenants[0].roleNames, ['Tenant Admin'], 'roles');
});
check(`${U}removeTenantRoles`, async () => {
  const tid = await tenant();
  const { loginId } = await user({ userTenants: [{ tenantId: tid, roleNames: ['Tenant Admin'] }] });
  ok(await m.user.removeTenantRoles(loginId, tid, ['Tenant Admin']));
  eq((await loadUser(loginId)).userTenants[0].roleNames, [], 'roles');
});
async function ssoApp() {
  return ok(await m.ssoApplication.createOidcApplication({ name: uid('App '), loginPageUrl: 'http://127.0.0.1/login' })).id;
}
check(`${U}addSSOapps`, async () => {
  const app = await ssoApp();
  const { loginId } = await user();
  ok(await m.user.addSSOapps(loginId, [app]));
  eq((await loadUser(loginId)).ssoAppIds, [app], 'apps');
});
check(`${U}setSSOapps`, async () => {
  const app = await ssoApp();
  const { loginId } = await user();
  ok(await m.user.setSSOapps(loginId, [app]));
  eq((await loadUser(loginId)).ssoAppIds, [app], 'apps');
});
check(`${U}removeSSOapps`, async () => {
  const app = await ssoApp();
  const { loginId } = await user();
  ok(await m.user.setSSOapps(loginId, [app]));
  ok(await m.user.removeSSOapps(loginId, [app]));
  eq((await loadUser(loginId)).ssoAppIds, [], 'apps');
});
check(`${U}generateOTPForTestUser`, async () => {
  const loginId = await testUser();
  const { code } = ok(await m.user.generateOTPForTestUser('email', loginId));
  ok(await sdk.otp.signIn.email(loginId)); // the documented order: generate, then sign in
  eq(ok(await sdk.otp.verify.email(loginId, code)).firstSeen, true, 'firstSeen');
  refused(await sdk.otp.verify.email(loginId, code));
});
check(`${U}generateMagicLinkForTestUser`, async () => {
  const loginId = await testUser();
  const { link } = ok(await m.user.generateMagicLinkForTestUser('email', loginId, 'http://127.0.0.1/v'));
  ok(await sdk.magicLink.signIn.email(loginId, 'http://127.0.0.1/v'));
  const token = new URL(link).searchParams.get('t');
  eq(ok(await sdk.magicLink.verify(token)).user.loginIds, [loginId], 'loginIds');
  refused(await sdk.magicLink.verify(token));
});
check(`${U}generateEnchantedLinkForTestUser`, async () => {
  const loginId = await testUser();
  const data = ok(await m.user.generateEnchantedLinkForTestUser(loginId, 'http://127.0.0.1/v'));
  ok(await sdk.enchantedLink.verify(new URL(data.link).searchParams.get('t')));
  const s = ok(await sdk.enchantedLink.waitForSession(data.pendingRef, { pollingIntervalMs: 100, timeoutMs: 5000 }));
  eq(s.user.loginIds, [loginId], 'loginIds');
});
check(`${U}generateEmbeddedLink`, async () => {
  const { loginId } = await user();
  const { token } = ok(await m.user.generateEmbeddedLink(loginId, { k: 'v' }));
  eq(claims(ok(await sdk.magicLink.verify(token)).sessionJwt).k, 'v', 'claim');
});
check(`${U}generateSignUpEmbeddedLink`, async () => {
  const loginId = email();
  const { token } = ok(await m.user.generateSignUpEmbeddedLink(loginId));
  eq(ok(await sdk.magicLink.verify(token)).firstSeen, true, 'firstSeen');
});
check(`${U}setTemporaryPassword`, async () => {
  const { loginId } = await user();
  ok(await m.user.setTemporaryPassword(loginId, PWD));
  refused(await sdk.password.signIn(loginId, PWD));
  ok(await sdk.password.replace(loginId, PWD, `${PWD}2`));
});
check(`${U}setActivePassword`, async () => {
  const { loginId } = await user();
  ok(await m.user.setActivePassword(loginId, PWD));
  eq(ok(await sdk.password.signIn(loginId, PWD)).firstSeen, true, 'firstSeen');
});
check(`${U}setPassword`, async () => {
  const { loginId } = await user();
  ok(await m.user.setPassword(loginId, PWD));
  refused(await sdk.password.signIn(loginId, PWD));
});
check(`${U}expirePassword`, async () => {
  const { loginId } = await user();
  ok(await m.user.setActivePassword(loginId, PWD));
  ok(await m.user.expirePassword(loginId));
  refused(await sdk.password.signIn(loginId, PWD));
});
check(`${U}removeAllPasskeys`, async () => {
  const { loginId } = await user();
  ok(await m.user.removeAllPasskeys(loginId));
  eq(ok(await m.user.listPasskeys(loginId)).length ?? 0, 0, 'passkeys');
});
check(`${U}listPasskeys`, async () => {
  const { loginId } = await user();
  assert(!has(ok(await m.user.listPasskeys(loginId)), 'credentialId'), 'no passkeys');
  refused(await m.user.listPasskeys('nobody@example.com'));
});
check(`${U}removePasskey`, async () => {
  const { loginId } = await user();
  refused(await m.user.removePasskey(loginId, 'no-such-credential'));
});
check(`${U}removeTOTPSeed`, async () => {
  const loginId = email();
  ok(await sdk.totp.signUp(loginId));
  ok(await m.user.removeTOTPSeed(loginId));
  eq((await loadUser(loginId)).TOTP, false, 'TOTP');
});
check(`${U}listTrustedDevices`, async () => {
  const { userId } = await user();
  assert(!has(ok(await m.user.listTrustedDevices([userId])), 'deviceId'), 'no devices');
});
check(`${U}removeTrustedDevices`, async () => {
  const { userId } = await user();
  refused(await m.user.removeTrustedDevices(userId, ['no-such-device']));
});
check(`${U}history`, async () => {
  const s = await signedIn();
  eq(ok(await m.user.history([s.user.userId])).map((h) => h.userId), [s.user.userId], 'history');
});
check(`${U}import`, async () => {
  const { createHash, pbkdf2Sync } = await import('node:crypto');
  void createHash;
  const salt = 'fidelitysalt';
  const digest = pbkdf2Sync(PWD, salt, 1000, 32, 'sha256').toString('base64');
  const users = [{ loginIds: ['imp@example.com'], email: 'imp@example.com', hashedPassword: { django: { hash: `pbkdf2_sha256$1000$${salt}$${digest}` } } }];
  ok(await m.user.import('descope', JSON.stringify(users)));
  ok(await sdk.password.signIn('imp@example.com', PWD));
});
check(`${U}updateRecoveryEmail`, async () => {
  const { loginId } = await user();
  ok(await m.user.updateRecoveryEmail(loginId, 'rec@example.com', true));
  eq((await loadUser(loginId)).recoveryEmail, 'rec@example.com', 'recoveryEmail');
});
check(`${U}updateRecoveryPhone`, async () => {
  const { loginId } = await user();
  ok(await m.user.updateRecoveryPhone(loginId, '+15555550151', true));
  eq((await loadUser(loginId)).recoveryPhone, '+15555550151', 'recoveryPhone');
});
check(`${U}getCustomAttributes`, async () => {
  ok(await m.user.createCustomAttributes([{ name: 'age', displayName: 'Age', type: 2 }]));
  assert(has(ok(await m.user.getCustomAttributes()), 'age'), 'age listed');
});
check(`${U}createCustomAttributes`, async () => {
  ok(await m.user.createCustomAttributes([{ name: 'tier', displayName: 'Tier', type: 1 }]));
  assert(has(ok(await m.user.getCustomAttributes()), 'tier'), 'tier listed');
});
check(`${U}deleteCustomAttributes`, async () => {
  ok(await m.user.createCustomAttributes([{ name: 'tier', displayName: 'Tier', type: 1 }]));
  ok(await m.user.deleteCustomAttributes(['tier']));
  assert(!has(ok(await m.user.getCustomAttributes()), 'tier'), 'tier gone');
});

// -- project ------------------------------------------------------------------------------
const P = 'management.project.';
check(`${P}updateName`, async () => {
  ok(await m.project.updateName('Renamed'));
  assert(has(ok(await m.project.export()), 'Renamed'), 'renamed');
});
check(`${P}updateTags`, async () => {
  ok(await m.project.updateTags(['fidelity-tag']));
  assert(has(ok(await m.project.export()), 'fidelity-tag'), 'tagged');
});
check(`${P}delete`, async () => {
  const tid = await tenant('Doomed');
  ok(await m.project.delete()); // the emulator's project becomes a fresh one
  refused(await m.tenant.load(tid));
  eq(names(ok(await m.role.loadAll())), ['Tenant Admin'], 'fresh roles');
});
check(`${P}clone`, async () => {
  const data = ok(await m.project.clone('Copy'));
  assert(data.projectId && data.projectId !== env.projectId, 'a new project id');
});
check(`${P}listProjects`, async () => {
  ok(await m.project.updateName('Listed'));
  const mine = ok(await m.project.listProjects()).find((p) => p.id === env.projectId);
  eq(mine && mine.name, 'Listed', 'this project');
});
check(`${P}exportSnapshot`, async () => {
  await tenant('Snap');
  assert(has(ok(await m.project.exportSnapshot()), 'Snap'), 'tenant in snapshot');
});
check(`${P}importSnapshot`, async () => {
  const tid = await tenant('Snap');
  const { files } = ok(await m.project.exportSnapshot());
  ok(await m.tenant.delete(tid));
  ok(await m.project.importSnapshot({ files }));
  eq(ok(await m.tenant.load(tid)).name, 'Snap', 'restored');
});
check(`${P}validateSnapshot`, async () => {
  const { files } = ok(await m.project.exportSnapshot());
  eq(ok(await m.project.validateSnapshot({ files })).ok, true, 'ok');
  const bad = ok(await m.project.validateSnapshot({ files: { ...files, 'roles.json': [{ name: 'R', permissionNames: ['missing'] }] } }));
  eq(bad.ok, false, 'refused');
  assert(has(bad.failures, 'missing'), 'names the problem');
});
check(`${P}export`, async () => {
  const tid = await tenant('Exported');
  assert(has(ok(await m.project.export()), tid), 'tenant exported');
});
check(`${P}import`, async () => {
  const tid = await tenant('Carried');
  const files = ok(await m.project.export());
  ok(await m.tenant.delete(tid));
  ok(await m.project.import(files));
  eq(ok(await m.tenant.load(tid)).name, 'Carried', 'restored');
});

// -- access keys --------------------------------------------------------------------------
const A = 'management.accessKey.';
async function key(extra = {}) {
  return ok(await m.accessKey.create(uid('key'), 0, extra.roles, extra.tenants));
}
check(`${A}create`, async () => {
  const k = await key({ roles: ['Tenant Admin'] });
  assert(k.cleartext && k.key.status === 'active', 'active key');
  assert(claims(ok(await sdk.accessKey.exchange(k.cleartext)).sessionJwt).roles.includes('Tenant Admin'), 'roles');
});
check(`${A}load`, async () => {
  const k = await key();
  eq(ok(await m.accessKey.load(k.key.id)).name, k.key.name, 'name');
});
check(`${A}searchAll`, async () => {
  const tid = await tenant();
  const inside = await key({ tenants: [{ tenantId: tid }] });
  await key();
  eq(ok(await m.accessKey.searchAll([tid])).map((x) => x.id), [inside.key.id], 'keys');
});
check(`${A}update`, async () => {
  const k = await key();
  ok(await m.accessKey.update(k.key.id, 'renamed', 'desc'));
  eq(ok(await m.accessKey.load(k.key.id)).name, 'renamed', 'name');
});
check(`${A}deactivate`, async () => {
  const k = await key();
  ok(await m.accessKey.deactivate(k.key.id));
  refused(await sdk.accessKey.exchange(k.cleartext));
});
check(`${A}deactivateBatch`, async () => {
  const k = await key();
  ok(await m.accessKey.deactivateBatch([k.key.id]));
  refused(await sdk.accessKey.exchange(k.cleartext));
});
check(`${A}activate`, async () => {
  const k = await key();
  ok(await m.accessKey.deactivate(k.key.id));
  ok(await m.accessKey.activate(k.key.id));
  ok(await sdk.accessKey.exchange(k.cleartext));
});
check(`${A}activateBatch`, async () => {
  const k = await key();
  ok(await m.accessKey.deactivate(k.key.id));
  ok(await m.accessKey.activateBatch([k.key.id]));
  ok(await sdk.accessKey.exchange(k.cleartext));
});
check(`${A}delete`, async () => {
  const k = await key();
  ok(await m.accessKey.delete(k.key.id));
  refused(await m.accessKey.load(k.key.id));
});
check(`${A}deleteBatch`, async () => {
  const k = await key();
  ok(await m.accessKey.deleteBatch([k.key.id]));
  refused(await m.accessKey.load(k.key.id));
});
check(`${A}rotate`, async () => {
  const k = await key();
  const r = ok(await m.accessKey.rotate(k.key.id));
  ok(await sdk.accessKey.exchange(r.cleartext));
  refused(await sdk.accessKey.exchange(k.cleartext));
});

// -- tenant -------------------------------------------------------------------------------
const T = 'management.tenant.';
check(`${T}create`, async () => {
  const id = ok(await m.tenant.create('Acme', ['acme.com'])).id;
  eq(ok(await m.tenant.load(id)).selfProvisioningDomains, ['acme.com'], 'domains');
});
check(`${T}createWithId`, async () => {
  ok(await m.tenant.createWithId('acme', 'Acme'));
  eq(ok(await m.tenant.load('acme')).name, 'Acme', 'name');
  refused(await m.tenant.createWithId('acme', 'Again'));
});
check(`${T}update`, async () => {
  const tid = await tenant('Before');
  ok(await m.tenant.update(tid, 'After', ['after.com']));
  eq(ok(await m.tenant.load(tid)).name, 'After', 'name');
});
check(`${T}updateDefaultRoles`, async () => {
  const tid = await tenant();
  ok(await m.tenant.updateDefaultRoles(tid, ['Tenant Admin']));
  eq(ok(await m.tenant.load(tid)).defaultRoles, ['Tenant Admin'], 'default roles');
  const { loginId } = await user({ userTenants: [{ tenantId: tid }] });
  eq((await loadUser(loginId)).userTenants[0].roleNames, ['Tenant Admin'], 'given on joining');
  refused(await m.tenant.updateDefaultRoles(tid, ['no such role']));
});
check(`${T}delete`, async () => {
  const tid = await tenant();
  const other = await tenant();
  const s = await signedIn({ userTenants: [{ tenantId: tid }, { tenantId: other }] });
  const selected = ok(await sdk.selectTenant(tid, s.refreshJwt));
  eq(claims(selected.sessionJwt).dct, tid, 'dct selected');
  ok(await m.tenant.delete(tid));
  refused(await m.tenant.load(tid));
  eq(claims(ok(await sdk.refresh(selected.refreshJwt)).sessionJwt).dct, other, 'dct: the one left');
});
check(`${T}load`, async () => {
  const tid = await tenant('Loaded');
  eq(ok(await m.tenant.load(tid)).name, 'Loaded', 'name');
  refused(await m.tenant.load('missing'));
});
check(`${T}loadAll`, async () => {
  const a = await tenant();
  eq(ok(await m.tenant.loadAll()).map((t) => t.id), [a], 'tenants');
});
check(`${T}searchAll`, async () => {
  await tenant('One');
  const two = await tenant('Two');
  eq(ok(await m.tenant.searchAll(undefined, ['Two'])).map((t) => t.id), [two], 'tenants');
});
check(`${T}getSettings`, async () => {
  const tid = await tenant('S', ['s.com']);
  const settings = ok(await m.tenant.getSettings(tid));
  eq(settings.selfProvisioningDomains, ['s.com'], 'domains');
  eq(settings.enabled, false, 'session settings off');
  refused(await m.tenant.getSettings('missing'));
});
check(`${T}configureSettings`, async () => {
  const tid = await tenant();
  ok(await m.tenant.configureSettings(tid, { selfProvisioningDomains: ['u.com'], enabled: true, sessionTokenExpiration: 15, sessionTokenExpirationUnit: 'minutes', refreshTokenExpiration: 1, refreshTokenExpirationUnit: 'days' }));
  eq(ok(await m.tenant.getSettings(tid)).sessionTokenExpiration, 15, 'session expiration');
  // tokens whose selected tenant (dct) is this tenant get its lifetimes
  const s = await signedIn({ userTenants: [{ tenantId: tid }] });
  const session = claims(s.sessionJwt);
  eq([session.dct, session.exp - session.iat], [tid, 15 * 60], 'session lifetime');
  const r = claims(s.refreshJwt);
  eq(r.exp - r.iat, 24 * 3600, 'refresh lifetime');
  refused(await m.tenant.configureSettings(tid, { selfProvisioningDomains: [], sessionTokenExpirationUnit: 'fortnights' }));
});
check(`${T}generateSSOConfigurationLink`, async () => {
  const tid = await tenant();
  const link = ok(await m.tenant.generateSSOConfigurationLink(tid, 60)).adminSSOConfigurationLink;
  eq((await fetch(link)).status, 200, 'the link opens the setup');
  refused(await m.tenant.generateSSOConfigurationLink('missing', 60));
});
check(`${T}revokeSSOConfigurationLink`, async () => {
  const tid = await tenant();
  const link = ok(await m.tenant.generateSSOConfigurationLink(tid, 60)).adminSSOConfigurationLink;
  ok(await m.tenant.revokeSSOConfigurationLink(tid));
  eq((await fetch(link)).status, 401, 'a revoked link is refused');
  refused(await m.tenant.revokeSSOConfigurationLink('missing'));
});

// -- SSO applications ---------------------------------------------------------------------
const SA = 'management.ssoApplication.';
const samlApp = { loginPageUrl: 'http://127.0.0.1/l', entityId: 'sp', acsUrl: 'http://127.0.0.1/acs', certificate: CERT };
const wsfedApp = { loginPageUrl: 'http://127.0.0.1/l', realm: 'urn:r', replyUrl: 'http://127.0.0.1/reply' };
check(`${SA}createOidcApplication`, async () => {
  eq(ok(await m.ssoApplication.load(await ssoApp())).appType, 'oidc', 'appType');
});
check(`${SA}createSamlApplication`, async () => {
  const { id } = ok(await m.ssoApplication.createSamlApplication({ name: 'S', ...samlApp }));
  eq(ok(await m.ssoApplication.load(id)).samlSettings.entityId, 'sp', 'entityId');
});
check(`${SA}updateOidcApplication`, async () => {
  const id = await ssoApp();
  ok(await m.ssoApplication.updateOidcApplication({ id, name: 'B', loginPageUrl: 'http://127.0.0.1/l2' }));
  eq(ok(await m.ssoApplication.load(id)).name, 'B', 'name');
});
check(`${SA}updateSamlApplication`, async () => {
  const { id } = ok(await m.ssoApplication.createSamlApplication({ name: 'S', ...samlApp }));
  ok(await m.ssoApplication.updateSamlApplication({ id, name: 'S2', ...samlApp, entityId: 'sp2' }));
  eq(ok(await m.ssoApplication.load(id)).samlSettings.entityId, 'sp2', 'entityId');
});
check(`${SA}createWsFedApplication`, async () => {
  const { id } = ok(await m.ssoApplication.createWsFedApplication({ name: 'W', ...wsfedApp }));
  const app = ok(await m.ssoApplication.load(id));
  eq([app.name, app.appType, app.wsfedSettings.realm], ['W', 'wsfed', 'urn:r'], 'app');
});
check(`${SA}updateWsFedApplication`, async () => {
  const { id } = ok(await m.ssoApplication.createWsFedApplication({ name: 'W', ...wsfedApp }));
  ok(await m.ssoApplication.updateWsFedApplication({ id, name: 'W2', ...wsfedApp, realm: 'urn:r2' }));
  const app = ok(await m.ssoApplication.load(id));
  eq([app.name, app.wsfedSettings.realm], ['W2', 'urn:r2'], 'updated');
  refused(await m.ssoApplication.updateWsFedApplication({ id: 'missing', name: 'W2', ...wsfedApp }));
});
check(`${SA}delete`, async () => {
  const id = await ssoApp();
  ok(await m.ssoApplication.delete(id));
  refused(await m.ssoApplication.load(id));
});
check(`${SA}load`, async () => {
  const id = await ssoApp();
  eq(ok(await m.ssoApplication.load(id)).id, id, 'id');
  refused(await m.ssoApplication.load('missing'));
});
check(`${SA}loadAll`, async () => {
  const id = await ssoApp();
  assert(ok(await m.ssoApplication.loadAll()).map((a) => a.id).includes(id), 'listed');
});
check(`${SA}getApplicationSecret`, async () => {
  const id = await ssoApp();
  const { cleartext } = ok(await m.ssoApplication.getApplicationSecret(id));
  assert(cleartext && cleartext.length >= 16, 'secret');
  eq(ok(await m.ssoApplication.getApplicationSecret(id)).cleartext, cleartext, 'stable');
  refused(await m.ssoApplication.getApplicationSecret('missing'));
});
check(`${SA}rotateApplicationSecret`, async () => {
  const id = await ssoApp();
  const before = ok(await m.ssoApplication.getApplicationSecret(id)).cleartext;
  const after = ok(await m.ssoApplication.rotateApplicationSecret(id)).cleartext;
  assert(after && after !== before, 'a new secret');
  eq(ok(await m.ssoApplication.getApplicationSecret(id)).cleartext, after, 'the old one is gone');
});

// -- inbound (third-party) applications ---------------------------------------------------
const IA = 'management.inboundApplication.';
async function inbound() {
  return ok(await m.inboundApplication.createApplication({ name: uid('In '), loginPageUrl: 'http://127.0.0.1/l' })).id;
}
check(`${IA}createApplication`, async () => eq(ok(await m.inboundApplication.loadApplication(await inbound())).loginPageUrl, 'http://127.0.0.1/l', 'url'));
check(`${IA}updateApplication`, async () => {
  const id = await inbound();
  ok(await m.inboundApplication.updateApplication({ id, name: 'New', loginPageUrl: 'http://127.0.0.1/l2' }));
  eq(ok(await m.inboundApplication.loadApplication(id)).name, 'New', 'name');
});
check(`${IA}patchApplication`, async () => {
  const id = await inbound();
  ok(await m.inboundApplication.patchApplication({ id, description: 'd' }));
  eq(ok(await m.inboundApplication.loadApplication(id)).description, 'd', 'description');
});
check(`${IA}deleteApplication`, async () => {
  const id = await inbound();
  ok(await m.inboundApplication.deleteApplication(id));
  refused(await m.inboundApplication.loadApplication(id));
});
check(`${IA}deleteApplicationBatch`, async () => {
  const id = await inbound();
  ok(await m.inboundApplication.deleteApplicationBatch([id]));
  refused(await m.inboundApplication.loadApplication(id));
});
check(`${IA}loadApplication`, async () => refused(await m.inboundApplication.loadApplication('missing')));
check(`${IA}loadAllApplications`, async () => {
  const id = await inbound();
  assert(has(ok(await m.inboundApplication.loadAllApplications()), id), 'listed');
});
check(`${IA}getApplicationSecret`, async () => assert(ok(await m.inboundApplication.getApplicationSecret(await inbound())).cleartext, 'secret'));
check(`${IA}rotateApplicationSecret`, async () => {
  const id = await inbound();
  const before = ok(await m.inboundApplication.getApplicationSecret(id)).cleartext;
  assert(ok(await m.inboundApplication.rotateApplicationSecret(id)).cleartext !== before, 'new secret');
});
// A consent, given the way an app gets one: a token from the emulator's token endpoint for a
// signed-in user (raw HTTP: no SDK has the call). searchConsents answers the list itself.
async function consented(options = {}) {
  const s = await signedIn(options);
  const made = ok(await m.inboundApplication.createApplication({ name: uid('In '), loginPageUrl: 'http://127.0.0.1/l', permissionsScopes: [{ name: 'outbound.token.fetch', description: 'fetch' }] }));
  const { clientId } = ok(await m.inboundApplication.loadApplication(made.id));
  const r = await fetch(`${env.base}/oauth2/v1/apps/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', scope: 'outbound.token.fetch', assertion: s.sessionJwt, client_id: clientId, client_secret: made.cleartext }),
  });
  assert(r.status === 200, `token endpoint answered ${r.status}: ${await r.text()}`);
  return { appId: made.id, userId: s.user.userId };
}
check(`${IA}searchConsents`, async () => {
  eq(ok(await m.inboundApplication.searchConsents({ appId: await inbound() })), [], 'none');
  const { appId, userId } = await consented();
  eq(ok(await m.inboundApplication.searchConsents({ appId })).map((c) => [c.userId, c.scopes]), [[userId, ['outbound.token.fetch']]], 'the consent');
});
check(`${IA}deleteConsents`, async () => {
  const { appId } = await consented();
  ok(await m.inboundApplication.deleteConsents({ appId }));
  eq(ok(await m.inboundApplication.searchConsents({ appId })), [], 'none');
});
check(`${IA}deleteTenantConsents`, async () => {
  const tenantId = await tenant();
  await consented({ userTenants: [{ tenantId }] });
  eq(ok(await m.inboundApplication.searchConsents({ tenantId })).length, 1, 'consented in the tenant');
  ok(await m.inboundApplication.deleteTenantConsents({ tenantId }));
  eq(ok(await m.inboundApplication.searchConsents({ tenantId })), [], 'none');
});

// -- outbound applications ----------------------------------------------------------------
const OA = 'management.outboundApplication.';
async function outbound() {
  const data = ok(await m.outboundApplication.createApplication({ name: uid('Out '), clientId: 'cid', clientSecret: 'sec', authorizationUrl: 'http://127.0.0.1/a', tokenUrl: 'http://127.0.0.1/t' }));
  return (data.app || data).id;
}
const tokenOf = (data) => (data.token || data);
async function uploaded() {
  const app = await outbound();
  const { userId } = await user();
  ok(await m.outboundApplication.uploadUserToken({ appId: app, userId, accessToken: 'at-1', scopes: ['read'] }));
  return { app, userId };
}
// loadApplication answers the app itself (the SDK unwraps `app`)
check(`${OA}createApplication`, async () => eq(ok(await m.outboundApplication.loadApplication(await outbound())).clientId, 'cid', 'clientId'));
check(`${OA}createApplicationByTemplate`, async () => {
  const app = ok(await m.outboundApplication.createApplicationByTemplate({ templateId: 'google', name: 'G' }));
  const loaded = ok(await m.outboundApplication.loadApplication(app.id));
  eq([loaded.name, loaded.tokenUrl.startsWith('https://'), loaded.defaultScopes.includes('email')], ['G', true, true], 'from the template');
  refused(await m.outboundApplication.createApplicationByTemplate({ templateId: 'no-such-provider' }));
});
check(`${OA}updateApplication`, async () => {
  const id = await outbound();
  ok(await m.outboundApplication.updateApplication({ id, name: 'Renamed' }));
  assert(has(ok(await m.outboundApplication.loadApplication(id)), 'Renamed'), 'renamed');
});
check(`${OA}deleteApplication`, async () => {
  const id = await outbound();
  ok(await m.outboundApplication.deleteApplication(id));
  refused(await m.outboundApplication.loadApplication(id));
});
check(`${OA}loadApplication`, async () => refused(await m.outboundApplication.loadApplication('missing')));
check(`${OA}loadAllApplications`, async () => {
  const id = await outbound();
  assert(has(ok(await m.outboundApplication.loadAllApplications()), id), 'listed');
});
check(`${OA}uploadUserToken`, async () => {
  const { app, userId } = await uploaded();
  eq(tokenOf(ok(await m.outboundApplication.fetchToken(app, userId))).accessToken, 'at-1', 'token');
});
check(`${OA}fetchToken`, async () => {
  const { app, userId } = await uploaded();
  eq(tokenOf(ok(await m.outboundApplication.fetchToken(app, userId))).scopes, ['read'], 'scopes');
  refused(await m.outboundApplication.fetchToken(app, 'someone-else'));
});
check(`${OA}fetchTokenByScopes`, async () => {
  const { app, userId } = await uploaded();
  eq(tokenOf(ok(await m.outboundApplication.fetchTokenByScopes(app, userId, ['read']))).accessToken, 'at-1', 'token');
  refused(await m.outboundApplication.fetchTokenByScopes(app, userId, ['admin']));
});
check(`${OA}uploadTenantToken`, async () => {
  const app = await outbound();
  const tid = await tenant();
  ok(await m.outboundApplication.uploadTenantToken({ appId: app, tenantId: tid, accessToken: 'tt', scopes: ['r'] }));
  eq(tokenOf(ok(await m.outboundApplication.fetchTenantToken(app, tid))).accessToken, 'tt', 'token');
});
check(`${OA}fetchTenantToken`, async () => {
  const app = await outbound();
  refused(await m.outboundApplication.fetchTenantToken(app, await tenant()));
});
check(`${OA}fetchTenantTokenByScopes`, async () => {
  const app = await outbound();
  const tid = await tenant();
  ok(await m.outboundApplication.uploadTenantToken({ appId: app, tenantId: tid, accessToken: 'tt', scopes: ['r'] }));
  eq(tokenOf(ok(await m.outboundApplication.fetchTenantTokenByScopes(app, tid, ['r']))).accessToken, 'tt', 'token');
});
check(`${OA}deleteUserTokens`, async () => {
  const { app, userId } = await uploaded();
  ok(await m.outboundApplication.deleteUserTokens(app, userId));
  refused(await m.outboundApplication.fetchToken(app, userId));
});
check(`${OA}deleteTokenById`, async () => {
  const { app, userId } = await uploaded();
  const t = tokenOf(ok(await m.outboundApplication.fetchToken(app, userId)));
  ok(await m.outboundApplication.deleteTokenById(t.id));
  refused(await m.outboundApplication.fetchToken(app, userId));
});
check(`${OA}listAppsWithUserToken`, async () => {
  const { app, userId } = await uploaded();
  assert(has(ok(await m.outboundApplication.listAppsWithUserToken(userId)), app), 'listed');
});
check(`${OA}uploadUserApiKey`, async () => {
  const app = await outbound();
  const { userId } = await user();
  ok(await m.outboundApplication.uploadUserApiKey(app, userId, 'key-1'));
  assert(has(ok(await m.outboundApplication.fetchToken(app, userId)), 'key-1'), 'stored');
});
check(`${OA}uploadTenantApiKey`, async () => {
  const app = await outbound();
  const tid = await tenant();
  ok(await m.outboundApplication.uploadTenantApiKey(app, tid, 'key-2'));
  assert(has(ok(await m.outboundApplication.fetchTenantToken(app, tid)), 'key-2'), 'stored');
});
check(`${OA}batchUploadUserTokens`, async () => {
  const app = await outbound();
  const { userId } = await user();
  ok(await m.outboundApplication.batchUploadUserTokens([{ appId: app, userId, accessToken: 'b1' }]));
  eq(tokenOf(ok(await m.outboundApplication.fetchToken(app, userId))).accessToken, 'b1', 'token');
});
check(`${OA}batchUploadTenantTokens`, async () => {
  const app = await outbound();
  const tid = await tenant();
  ok(await m.outboundApplication.batchUploadTenantTokens([{ appId: app, tenantId: tid, accessToken: 'b2' }]));
  eq(tokenOf(ok(await m.outboundApplication.fetchTenantToken(app, tid))).accessToken, 'b2', 'token');
});

// -- SSO ----------------------------------------------------------------------------------
const S = 'management.sso.';
check(`${S}configureMetadata`, async () => {
  const tid = await ssoTenant();
  assert(has(ok(await m.sso.loadSettings(tid)), 'md.xml'), 'metadata URL');
});
check(`${S}configureSettings`, async () => {
  const tid = await tenant();
  ok(await m.sso.configureSettings(tid, 'http://127.0.0.1/idp', CERT, 'entity', 'http://127.0.0.1/cb', ['ex.com']));
  eq(ok(await m.sso.getSettings(tid)).idpEntityId, 'entity', 'entity id');
});
check(`${S}getSettings`, async () => {
  const tid = await tenant();
  ok(await m.sso.configureSettings(tid, 'http://127.0.0.1/idp', CERT, 'entity', 'http://127.0.0.1/cb', []));
  eq(ok(await m.sso.getSettings(tid)).idpSSOUrl, 'http://127.0.0.1/idp', 'idp url');
});
check(`${S}loadSettings`, async () => {
  const tid = await tenant();
  ok(await m.sso.configureOIDCSettings(tid, { name: 'idp', clientId: 'cid' }));
  eq(ok(await m.sso.loadSettings(tid)).oidc.clientId, 'cid', 'client id');
});
check(`${S}configureOIDCSettings`, async () => {
  const tid = await tenant();
  ok(await m.sso.configureOIDCSettings(tid, { name: 'idp', clientId: 'cid2' }, ['oidc.com']));
  eq(ok(await m.sso.loadSettings(tid)).tenant.domains, ['oidc.com'], 'domains');
});
check(`${S}configureSAMLSettings`, async () => {
  const tid = await tenant();
  ok(await m.sso.configureSAMLSettings(tid, { idpUrl: 'http://127.0.0.1/idp', entityId: 'ent', idpCert: CERT, roleMappings: [{ groups: ['admins'], roleName: 'Tenant Admin' }] }, 'http://127.0.0.1/cb'));
  eq(ok(await m.sso.loadSettings(tid)).saml.idpEntityId, 'ent', 'entity id');
});
check(`${S}configureSAMLByMetadata`, async () => {
  const tid = await tenant();
  ok(await m.sso.configureSAMLByMetadata(tid, { idpMetadataUrl: 'http://127.0.0.1/meta' }));
  eq(ok(await m.sso.loadSettings(tid)).saml.idpMetadataUrl, 'http://127.0.0.1/meta', 'metadata url');
});
check(`${S}configureMapping`, async () => {
  const tid = await ssoTenant();
  ok(await m.sso.configureMapping(tid, [{ groups: ['admins'], roleName: 'Tenant Admin' }], { name: 'displayName' }));
  const { url } = ok(await sdk.sso.start(tid, 'http://127.0.0.1/cb'));
  const data = ok(await sdk.sso.exchange(await idpCode(url, email(), { groups: 'admins' })));
  eq(claims(data.sessionJwt).tenants[tid].roles, ['Tenant Admin'], 'mapped role');
});
check(`${S}deleteSettings`, async () => {
  const tid = await ssoTenant();
  ok(await m.sso.deleteSettings(tid));
  refused(await sdk.sso.start(tid, 'http://127.0.0.1/cb'));
});
check(`${S}newSettings`, async () => {
  const tid = await tenant();
  eq(ok(await m.sso.newSettings(tid, 'second', 'Second IdP')).ssoId, 'second', 'answered');
  eq(ok(await m.sso.loadAllSettings(tid)).map((c) => c.ssoId), ['second'], 'listed');
  refused(await m.sso.newSettings(tid, 'second', 'Again'));
});
check(`${S}loadAllSettings`, async () => {
  const tid = await ssoTenant();
  ok(await m.sso.newSettings(tid, 'second', 'Second IdP'));
  ok(await m.sso.configureOIDCSettings(tid, { name: 'idp2', clientId: 'cid2' }, [], 'second'));
  const all = ok(await m.sso.loadAllSettings(tid));
  eq(all.map((c) => c.ssoId), ['', 'second'], 'both');
  eq(all[1].oidc.clientId, 'cid2', 'the second is OIDC');
  ok(await m.sso.deleteSettings(tid, 'second'));
  refused(await m.sso.loadSettings(tid, 'second'));
  eq(ok(await m.sso.loadSettings(tid)).saml.idpMetadataUrl, 'http://127.0.0.1/md.xml', 'the other stays');
});
check(`${S}configureSSORedirectURL`, async () => {
  const tid = await ssoTenant();
  ok(await m.sso.configureSSORedirectURL(tid, 'http://127.0.0.1/saml-cb'));
  eq(ok(await m.sso.loadSettings(tid)).saml.redirectUrl, 'http://127.0.0.1/saml-cb', 'stored');
  refused(await m.sso.configureSSORedirectURL(tid, 'http://127.0.0.1/x', undefined, 'missing'));
});
check(`${S}recalculateSSOMappings`, async () => {
  const tid = await ssoTenant();
  ok(await m.role.create('viewer', '', [], tid));
  ok(await m.sso.configureMapping(tid, [{ groups: ['admins'], roleName: 'Tenant Admin' }], { name: 'displayName' }));
  const login = email();
  const { url } = ok(await sdk.sso.start(tid, 'http://127.0.0.1/cb'));
  ok(await sdk.sso.exchange(await idpCode(url, login, { groups: 'admins' })));
  ok(await m.sso.configureMapping(tid, [{ groups: ['admins'], roleName: 'viewer' }], { name: 'displayName' }));
  ok(await m.sso.recalculateSSOMappings(tid));
  eq((await loadUser(login)).userTenants[0].roleNames, ['viewer'], 'roles recalculated');
  refused(await m.sso.recalculateSSOMappings('missing'));
});

// -- JWT ----------------------------------------------------------------------------------
const J = 'management.jwt.';
check(`${J}update`, async () => {
  const s = await signedIn();
  const { jwt } = ok(await m.jwt.update(s.sessionJwt, { plan: 'gold' }));
  eq(claims(jwt).plan, 'gold', 'top-level claim');
  refused(await m.jwt.update(s.sessionJwt, { ['k'.repeat(61)]: 'v' }));
});
check(`${J}impersonate`, async () => {
  const admin = await user({ roles: ['Tenant Admin'] });
  const target = await user();
  const { jwt } = ok(await m.jwt.impersonate(admin.userId, target.loginId, false));
  eq(claims(jwt).act.sub, admin.userId, 'actor');
});
check(`${J}impersonateStepup`, async () => {
  const admin = await user({ roles: ['Tenant Admin'] });
  const target = await user();
  const { jwt } = ok(await m.jwt.impersonateStepup(admin.userId, target.loginId, false));
  eq(claims(jwt).sub, target.userId, 'subject');
  eq(claims(jwt).su, true, 'step-up');
  refused(await m.jwt.impersonateStepup(target.userId, admin.loginId, false));
});
check(`${J}stopImpersonation`, async () => {
  const admin = await user({ roles: ['Tenant Admin'] });
  const target = await user();
  const { jwt } = ok(await m.jwt.impersonate(admin.userId, target.loginId, false));
  const back = ok(await m.jwt.stopImpersonation(jwt)).jwt;
  eq(claims(back).sub, admin.userId, 'back to the admin');
  eq(claims(back).act, undefined, 'no actor');
  refused(await sdk.refresh(jwt));
});
check(`${J}signIn`, async () => {
  const { loginId, userId } = await user();
  const data = ok(await m.jwt.signIn(loginId, { customClaims: { a: 1 } }));
  eq(claims(data.sessionJwt).a, 1, 'claim');
  eq(claims(data.sessionJwt).sub, userId, 'subject');
  eq(claims(ok(await sdk.refresh(data.refreshJwt)).sessionJwt).a, 1, 'refreshed claim');
  refused(await m.jwt.signIn(email()));
});
check(`${J}signUp`, async () => {
  const loginId = email();
  eq(ok(await m.jwt.signUp(loginId, { name: 'Mgmt' })).user.name, 'Mgmt', 'name');
  eq((await loadUser(loginId)).name, 'Mgmt', 'stored');
  refused(await m.jwt.signUp(loginId, {}));
});
check(`${J}signUpOrIn`, async () => {
  const loginId = email();
  const first = ok(await m.jwt.signUpOrIn(loginId));
  eq(first.firstSeen, true, 'new user');
  const again = ok(await m.jwt.signUpOrIn(loginId));
  eq(again.user.userId, first.user.userId, 'same user');
  eq(again.firstSeen, false, 'seen');
});
check(`${J}anonymous`, async () => {
  const data = ok(await m.jwt.anonymous({ guest: true }));
  eq(claims(data.sessionJwt).guest, true, 'claim');
  eq(claims(data.sessionJwt).danu, true, 'anonymous');
  eq(claims(ok(await sdk.refresh(data.refreshJwt)).sessionJwt).sub, claims(data.sessionJwt).sub, 'refreshes');
});
check(`${J}generateClientAssertionJwt`, async () => {
  const data = ok(await m.jwt.generateClientAssertionJwt('iss', 'sub', ['http://127.0.0.1/token'], 60));
  eq(claims(data.jwt).iss, 'iss', 'issuer');
  eq(claims(data.jwt).aud, ['http://127.0.0.1/token'], 'audience');
  eq(claims(data.jwt).exp - claims(data.jwt).iat, 60, 'lifetime');
  refused(await m.jwt.generateClientAssertionJwt('iss', 'sub', [], 60));
});

// -- permission / role --------------------------------------------------------------------
const PE = 'management.permission.';
const perms = async () => ok(await m.permission.loadAll());
check(`${PE}create`, async () => {
  ok(await m.permission.create('read', 'Reads'));
  eq((await perms()).find((p) => p.name === 'read').description, 'Reads', 'description');
  refused(await m.permission.create('read'));
});
check(`${PE}createBatch`, async () => {
  ok(await m.permission.createBatch([{ name: 'p1' }, { name: 'p2' }]));
  assert(names(await perms()).includes('p2'), 'created');
});
check(`${PE}update`, async () => {
  ok(await m.permission.create('read'));
  ok(await m.permission.update('read', 'view'));
  assert(names(await perms()).includes('view'), 'renamed');
});
check(`${PE}updateWithId`, async () => {
  ok(await m.permission.create('read'));
  const { id } = (await perms()).find((p) => p.name === 'read');
  ok(await m.permission.updateWithId(id, 'view'));
  assert(names(await perms()).includes('view'), 'renamed');
});
check(`${PE}updateBatch`, async () => {
  ok(await m.permission.create('p1'));
  ok(await m.permission.updateBatch([{ name: 'p1', newName: 'p1x' }]));
  assert(names(await perms()).includes('p1x'), 'renamed');
});
check(`${PE}delete`, async () => {
  ok(await m.permission.create('temp'));
  ok(await m.permission.delete('temp'));
  assert(!names(await perms()).includes('temp'), 'deleted');
});
check(`${PE}deleteWithId`, async () => {
  ok(await m.permission.create('temp'));
  ok(await m.permission.deleteWithId((await perms()).find((p) => p.name === 'temp').id));
  assert(!names(await perms()).includes('temp'), 'deleted');
});
check(`${PE}deleteBatch`, async () => {
  ok(await m.permission.create('temp'));
  ok(await m.permission.deleteBatch(['temp']));
  assert(!names(await perms()).includes('temp'), 'deleted');
});
check(`${PE}loadAll`, async () => {
  const all = names(await perms());
  assert(['User Admin', 'SSO Admin', 'Impersonate'].every((p) => all.includes(p)), `defaults: ${all}`);
});
const R = 'management.role.';
const roles = async () => ok(await m.role.loadAll());
check(`${R}create`, async () => {
  ok(await m.role.create('editor', 'Edits', ['User Admin']));
  eq((await roles()).find((r) => r.name === 'editor').permissionNames, ['User Admin'], 'permissions');
});
check(`${R}createBatch`, async () => {
  ok(await m.role.createBatch([{ name: 'b1' }, { name: 'b2' }]));
  assert(names(await roles()).includes('b2'), 'created');
});
check(`${R}update`, async () => {
  ok(await m.role.update('Tenant Admin', 'Tenant Admin', 'All', ['User Admin']));
  eq((await roles()).find((r) => r.name === 'Tenant Admin').permissionNames, ['User Admin'], 'permissions');
});
check(`${R}updateWithId`, async () => {
  ok(await m.role.create('byid'));
  ok(await m.role.updateWithId((await roles()).find((r) => r.name === 'byid').id, 'byid2'));
  assert(names(await roles()).includes('byid2'), 'renamed');
});
check(`${R}updateBatch`, async () => {
  ok(await m.role.create('b1'));
  ok(await m.role.updateBatch([{ name: 'b1', newName: 'b1x' }]));
  assert(names(await roles()).includes('b1x'), 'renamed');
});
check(`${R}delete`, async () => {
  ok(await m.role.create('gone'));
  ok(await m.role.delete('gone'));
  assert(!names(await roles()).includes('gone'), 'deleted');
});
check(`${R}deleteWithId`, async () => {
  ok(await m.role.create('gone'));
  ok(await m.role.deleteWithId((await roles()).find((r) => r.name === 'gone').id));
  assert(!names(await roles()).includes('gone'), 'deleted');
});
check(`${R}deleteBatch`, async () => {
  ok(await m.role.create('gone'));
  ok(await m.role.deleteBatch(['gone']));
  assert(!names(await roles()).includes('gone'), 'deleted');
});
check(`${R}loadAll`, async () => {
  const admin = (await roles()).find((r) => r.name === 'Tenant Admin');
  eq(admin && admin.permissionNames.sort(), ['Impersonate', 'SSO Admin', 'User Admin'], 'Tenant Admin');
});
check(`${R}search`, async () => {
  const tid = await tenant();
  ok(await m.role.create('tenant-only', '', [], tid));
  eq(names(ok(await m.role.search({ tenantIds: [tid] }))), ['tenant-only'], 'roles');
});

// -- password settings --------------------------------------------------------------------
check('management.password.getSettings', async () => eq(ok(await m.password.getSettings('')).minLength, 8, 'minLength'));
check('management.password.configureSettings', async () => {
  ok(await m.password.configureSettings('', { enabled: true, minLength: 12 }));
  eq(ok(await m.password.getSettings('')).minLength, 12, 'minLength');
  refused(await sdk.password.signUp(email(), 'Short1-Pwd!'));
});

// -- groups -------------------------------------------------------------------------------
async function groupUser() {
  const tid = await ssoTenant();
  const { url } = ok(await sdk.sso.start(tid, 'http://127.0.0.1/cb'));
  const data = ok(await sdk.sso.exchange(await idpCode(url, email(), { groups: 'engineers' })));
  return { tid, userId: data.user.userId, loginId: data.user.loginIds[0] };
}
const G = 'management.group.';
check(`${G}loadAllGroups`, async () => {
  const { tid } = await groupUser();
  eq(ok(await m.group.loadAllGroups(tid)).map((g) => g.display), ['engineers'], 'groups');
});
check(`${G}loadAllGroupsForMember`, async () => {
  const { tid, userId } = await groupUser();
  eq(ok(await m.group.loadAllGroupsForMember(tid, [userId], [])).map((g) => g.display), ['engineers'], 'groups');
});
check(`${G}loadAllGroupMembers`, async () => {
  const { tid, userId } = await groupUser();
  const [group] = ok(await m.group.loadAllGroups(tid));
  assert(has(ok(await m.group.loadAllGroupMembers(tid, group.id)), userId), 'member');
});

// -- flows and theme ----------------------------------------------------------------------
check('management.flow.list', async () => {
  const data = ok(await m.flow.list());
  assert(data.flows.map((f) => f.id).includes('sign-up-or-in'), 'default flows');
});
check('management.flow.export', async () => eq(ok(await m.flow.export('sign-up-or-in')).flow.id, 'sign-up-or-in', 'flow'));
check('management.flow.import', async () => {
  ok(await m.flow.import('custom', { id: 'custom', name: 'Custom', dsl: { start: 'end' } }, [{ id: 's1' }]));
  eq(ok(await m.flow.export('custom')).flow.dsl, { start: 'end' }, 'dsl');
});
check('management.flow.delete', async () => {
  ok(await m.flow.import('custom', { id: 'custom', name: 'C' }, []));
  ok(await m.flow.delete(['custom']));
  refused(await m.flow.export('custom'));
});
check('management.flow.run', async () => {
  const loginId = await testUser();
  const { code: c } = ok(await m.user.generateOTPForTestUser('email', loginId));
  const output = ok(await m.flow.run('sign-in', { input: { email: loginId, code: c } }));
  eq(output.user.loginIds, [loginId], 'signed in');
  eq(claims(output.sessionJwt).sub, output.user.userId, 'session');
  refused(await m.flow.run('sign-up-or-in', { input: { email: email() } }));
});
check('management.theme.export', async () => assert('theme' in ok(await m.theme.export()), 'theme'));
check('management.theme.import', async () => {
  ok(await m.theme.import({ id: 'theme', cssTemplate: { light: { a: 1 } } }));
  eq(ok(await m.theme.export()).theme.cssTemplate, { light: { a: 1 } }, 'theme');
});

// -- audit --------------------------------------------------------------------------------
const AU = 'management.audit.';
check(`${AU}createEvent`, async () => {
  const tid = await tenant();
  ok(await m.audit.createEvent({ action: 'Exported', type: 'info', actorId: 'actor1', tenantId: tid }));
  eq(ok(await m.audit.search({ actions: ['Exported'] })).map((a) => a.action), ['Exported'], 'found');
});
check(`${AU}search`, async () => {
  const s = await signedIn();
  assert(ok(await m.audit.search({ userIds: [s.user.userId] })).some((a) => a.action === 'LoginSucceed'), 'login recorded');
});
check(`${AU}searchAll`, async () => {
  const s = await signedIn();
  assert(has(ok(await m.audit.searchAll({ userIds: [s.user.userId] })), 'LoginSucceed'), 'login recorded');
});
check(`${AU}createAuditWebhook`, async () => {
  const got = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { got.push({ auth: req.headers.authorization, event: JSON.parse(body) }); res.end(); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/hook`;
    ok(await m.audit.createAuditWebhook({ name: 'hook', url, authentication: { bearerToken: 'tok' } }));
    ok(await m.audit.createEvent({ action: 'Hooked', type: 'info', actorId: 'a', tenantId: await tenant() }));
    for (let i = 0; i < 300 && !got.some((g) => g.event.action === 'Hooked'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const hit = got.find((g) => g.event.action === 'Hooked');
    assert(hit, 'event delivered');
    eq(hit.auth, 'Bearer tok', 'authentication');
  } finally {
    server.close();
  }
  refused(await m.audit.createAuditWebhook({ name: '' }));
});

// -- authz (ReBAC) ------------------------------------------------------------------------
const Z = 'management.authz.';
const SCHEMA = { name: 's', namespaces: [{ name: 'doc', relationDefinitions: [{ name: 'owner' }, { name: 'viewer', complexDefinition: { nType: 'union', children: [{ nType: 'child', expression: { neType: 'self' } }, { nType: 'child', expression: { neType: 'relationLeft', relationDefinition: 'owner', relationDefinitionNamespace: 'doc' } }] } }] }, { name: 'user', relationDefinitions: [] }] };
const REL = { resource: 'd1', relationDefinition: 'owner', namespace: 'doc', target: 'u1' };
async function authz() { ok(await m.authz.saveSchema(SCHEMA, true)); ok(await m.authz.createRelations([REL])); }
const hasRel = async (q) => ok(await m.authz.hasRelations([q]))[0].hasRelation;
check(`${Z}saveSchema`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); eq(ok(await m.authz.loadSchema()).name, 's', 'name'); });
check(`${Z}loadSchema`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); eq(ok(await m.authz.loadSchema()).namespaces.map((n) => n.name), ['doc', 'user'], 'namespaces'); });
check(`${Z}deleteSchema`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); ok(await m.authz.deleteSchema()); assert(!(ok(await m.authz.loadSchema()).namespaces || []).length, 'empty'); });
check(`${Z}saveNamespace`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); ok(await m.authz.saveNamespace({ name: 'folder', relationDefinitions: [] })); assert(has(ok(await m.authz.loadSchema()), 'folder'), 'saved'); });
check(`${Z}deleteNamespace`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); ok(await m.authz.deleteNamespace('user')); eq(ok(await m.authz.loadSchema()).namespaces.map((n) => n.name), ['doc'], 'namespaces'); });
check(`${Z}saveRelationDefinition`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); ok(await m.authz.saveRelationDefinition({ name: 'editor' }, 'doc')); assert(has(ok(await m.authz.loadSchema()), 'editor'), 'saved'); });
check(`${Z}deleteRelationDefinition`, async () => { ok(await m.authz.saveSchema(SCHEMA, true)); ok(await m.authz.saveRelationDefinition({ name: 'editor' }, 'doc')); ok(await m.authz.deleteRelationDefinition('editor', 'doc')); assert(!has(ok(await m.authz.loadSchema()), 'editor'), 'deleted'); });
check(`${Z}createRelations`, async () => { await authz(); eq(await hasRel(REL), true, 'related'); });
check(`${Z}deleteRelations`, async () => { await authz(); ok(await m.authz.deleteRelations([REL])); eq(await hasRel(REL), false, 'related'); });
check(`${Z}deleteRelationsForResources`, async () => { await authz(); ok(await m.authz.deleteRelationsForResources(['d1'])); eq(await hasRel(REL), false, 'related'); });
check(`${Z}deleteResourceRelationsForResources`, async () => {
  await authz();
  const other = { ...REL, resource: 'd2' };
  ok(await m.authz.createRelations([other]));
  ok(await m.authz.deleteResourceRelationsForResources(['d1']));
  eq([await hasRel(REL), await hasRel(other)], [false, true], 'only d1 relations');
  ok(await m.authz.deleteResourceRelationsForResources(['u1'])); // u1 as the target
  eq(await hasRel(other), false, 'target side');
});
check(`${Z}deleteRelationsForIds`, async () => { await authz(); ok(await m.authz.deleteRelationsForIds(['d1'])); /* resource ids */ eq(await hasRel(REL), false, 'related'); });
check(`${Z}hasRelations`, async () => { await authz(); eq([await hasRel({ ...REL, relationDefinition: 'viewer' }), await hasRel({ ...REL, target: 'u2' })], [true, false], 'derived'); });
check(`${Z}whoCanAccess`, async () => { await authz(); eq(ok(await m.authz.whoCanAccess('d1', 'viewer', 'doc')), ['u1'], 'who'); });
check(`${Z}resourceRelations`, async () => { await authz(); eq(ok(await m.authz.resourceRelations('d1')).map((r) => r.target), ['u1'], 'relations'); });
check(`${Z}resourceRelationsWithTargetSetsFilter`, async () => { await authz(); eq(ok(await m.authz.resourceRelationsWithTargetSetsFilter('d1')).map((r) => r.target), ['u1'], 'relations'); });
check(`${Z}targetsRelations`, async () => { await authz(); eq(ok(await m.authz.targetsRelations(['u1'])).map((r) => r.resource), ['d1'], 'relations'); });
check(`${Z}targetsRelationsWithTargetSetsFilter`, async () => { await authz(); eq(ok(await m.authz.targetsRelationsWithTargetSetsFilter(['u1'])).map((r) => r.resource), ['d1'], 'relations'); });
check(`${Z}whatCanTargetAccess`, async () => { await authz(); assert(ok(await m.authz.whatCanTargetAccess('u1')).some((r) => r.relationDefinition === 'owner'), 'owner'); });
check(`${Z}whatCanTargetAccessWithRelation`, async () => { await authz(); eq(ok(await m.authz.whatCanTargetAccessWithRelation('u1', 'viewer', 'doc')).map((r) => r.resource), ['d1'], 'resources'); });
check(`${Z}getModified`, async () => { await authz(); const data = ok(await m.authz.getModified(new Date(0))); assert(has(data, 'd1') && has(data, 'u1'), JSON.stringify(data)); });

// -- fga ----------------------------------------------------------------------------------
const F = 'management.fga.';
const DSL = 'model AuthZ 1.0\n\ntype user\n\ntype doc\n  relation owner: user\n  relation viewer: user\n  permission can_view: viewer | owner\n';
const FREL = { resource: 'd1', resourceType: 'doc', relation: 'owner', target: 'u1', targetType: 'user' };
async function fga() { ok(await m.fga.saveSchema({ dsl: DSL })); ok(await m.fga.createRelations([FREL])); }
const allowed = async (r) => ok(await m.fga.check([r]))[0].allowed;
check(`${F}saveSchema`, async () => { await fga(); refused(await m.fga.saveSchema({ dsl: 'type doc\n  relation owner: nosuchtype\n' })); });
check(`${F}loadSchema`, async () => { ok(await m.fga.saveSchema({ dsl: DSL })); assert(has(ok(await m.fga.loadSchema()), 'can_view'), 'schema'); });
check(`${F}dryRunSchema`, async () => {
  eq(ok(await m.fga.dryRunSchema({ dsl: DSL })).deletesPreview.hasDeletes, false, 'nothing saved yet');
  refused(await m.fga.createRelations([FREL])); // a dry run saves nothing
  await fga();
  const preview = ok(await m.fga.dryRunSchema({ dsl: DSL.replace('  relation owner: user\n', '').replace(' | owner', '') })).deletesPreview;
  eq([preview.hasDeletes, preview.relations], [true, ['doc#owner']], 'the dropped relation');
  eq(await allowed(FREL), true, 'still related');
});
check(`${F}deleteSchema`, async () => { ok(await m.fga.saveSchema({ dsl: DSL })); ok(await m.fga.deleteSchema()); assert(!has(ok(await m.fga.loadSchema()), 'can_view'), 'deleted'); });
check(`${F}createRelations`, async () => { await fga(); eq(await allowed(FREL), true, 'allowed'); });
check(`${F}deleteRelations`, async () => { await fga(); ok(await m.fga.deleteRelations([FREL])); eq(await allowed(FREL), false, 'allowed'); });
check(`${F}deleteAllRelations`, async () => { await fga(); ok(await m.fga.deleteAllRelations()); eq(await allowed(FREL), false, 'allowed'); });
check(`${F}check`, async () => { await fga(); eq([await allowed({ ...FREL, relation: 'can_view' }), await allowed({ ...FREL, target: 'u2' })], [true, false], 'allowed'); });
check(`${F}checkWithContext`, async () => { await fga(); eq(ok(await m.fga.checkWithContext([FREL], {}))[0].allowed, true, 'allowed'); });
check(`${F}saveResourcesDetails`, async () => { ok(await m.fga.saveResourcesDetails([{ resourceId: 'd1', resourceType: 'doc', displayName: 'Doc one' }])); eq(ok(await m.fga.loadResourcesDetails([{ resourceId: 'd1', resourceType: 'doc' }]))[0].displayName, 'Doc one', 'name'); });
check(`${F}loadResourcesDetails`, async () => eq(ok(await m.fga.loadResourcesDetails([{ resourceId: 'none', resourceType: 'doc' }])), [], 'none'));
check(`${F}loadMappableSchema`, async () => {
  await fga();
  const found = ok(await m.fga.loadMappableSchema(await tenant(), { resourcesLimit: 5 })).mappableResources;
  eq(found.find((r) => r.type === 'doc').resources, [{ resource: 'd1' }], 'doc resources');
});
check(`${F}searchMappableResources`, async () => {
  await fga();
  ok(await m.fga.createRelations([{ ...FREL, resource: 'd2' }]));
  eq(ok(await m.fga.searchMappableResources(await tenant(), [{ type: 'doc', queries: ['d2'] }])), [{ type: 'doc', resources: [{ resource: 'd2' }] }], 'found');
  eq(ok(await m.fga.searchMappableResources(await tenant(), [{ type: 'doc', queries: [] }], { resourcesLimit: 1 }))[0].resources.length, 1, 'limited');
});

// -- descoper / management keys / engines -------------------------------------------------
check('management.descoper.create', async () => {
  const data = ok(await m.descoper.create([{ loginId: email('dev'), attributes: { displayName: 'Dev' }, rbac: { isCompanyAdmin: true } }]));
  assert(has(data, 'Dev'), 'created');
});
const descoper = async () => ok(await m.descoper.create([{ loginId: email('dev'), attributes: { displayName: 'Dev' }, rbac: { isCompanyAdmin: true } }])).descopers[0].id;
check('management.descoper.update', async () => { const id = await descoper(); ok(await m.descoper.update(id, { displayName: 'Renamed' })); assert(has(ok(await m.descoper.load(id)), 'Renamed'), 'renamed'); });
check('management.descoper.load', async () => refused(await m.descoper.load('missing')));
check('management.descoper.delete', async () => { const id = await descoper(); ok(await m.descoper.delete(id)); refused(await m.descoper.load(id)); });
check('management.descoper.list', async () => { const id = await descoper(); assert(has(ok(await m.descoper.list()), id), 'listed'); });
const mkey = async () => ok(await m.managementKey.create(uid('mk'), { projectRoles: [{ projectIds: [env.projectId], roles: ['Project Admin'] }] }));
check('management.managementKey.create', async () => assert((await mkey()).cleartext, 'cleartext'));
check('management.managementKey.update', async () => { const { key: k } = await mkey(); ok(await m.managementKey.update(k.id, 'renamed', 'd', 'inactive')); assert(has(ok(await m.managementKey.load(k.id)), 'renamed'), 'renamed'); });
check('management.managementKey.delete', async () => { const { key: k } = await mkey(); ok(await m.managementKey.delete([k.id])); refused(await m.managementKey.load(k.id)); });
check('management.managementKey.load', async () => refused(await m.managementKey.load('missing')));
check('management.managementKey.search', async () => { const { key: k } = await mkey(); assert(has(ok(await m.managementKey.search()), k.id), 'listed'); });
const engine = async () => ok(await m.engine.create('eng'));
const engineId = (data) => (data.engine || data).id;
check('management.engine.create', async () => assert(engineId(await engine()), 'id'));
check('management.engine.update', async () => { const id = engineId(await engine()); ok(await m.engine.update(id, 'renamed')); assert(has(ok(await m.engine.load(id)), 'renamed'), 'renamed'); });
check('management.engine.delete', async () => { const id = engineId(await engine()); ok(await m.engine.delete(id)); refused(await m.engine.load(id)); });
check('management.engine.load', async () => refused(await m.engine.load('missing')));
check('management.engine.loadAll', async () => { const id = engineId(await engine()); assert(has(ok(await m.engine.loadAll()), id), 'listed'); });
check('management.engine.rotateSecret', async () => { const created = await engine(); const rotated = ok(await m.engine.rotateSecret(engineId(created))); assert(JSON.stringify(rotated) !== JSON.stringify(created), 'new secret'); });

// -- lists --------------------------------------------------------------------------------
const L = 'management.list.';
const list = async (type, data) => { const r = ok(await m.list.create({ name: uid('list'), type, data })); return (r.list || r).id; };
check(`${L}create`, async () => { const id = await list('ips', ['10.0.0.0/8']); eq(ok(await m.list.checkIP(id, '10.1.2.3')), true, 'in range'); });
check(`${L}update`, async () => { const id = await list('texts', ['a']); ok(await m.list.update(id, { name: 'renamed', type: 'texts', data: ['b'] })); eq(ok(await m.list.checkText(id, 'b')), true, 'b'); });
check(`${L}delete`, async () => { const id = await list('texts', []); ok(await m.list.delete(id)); refused(await m.list.load(id)); });
check(`${L}load`, async () => { const id = await list('texts', ['x']); assert(has(ok(await m.list.load(id)), 'x'), 'x'); });
check(`${L}loadByName`, async () => { ok(await m.list.create({ name: 'named', type: 'texts', data: ['y'] })); assert(has(ok(await m.list.loadByName('named')), 'y'), 'y'); });
check(`${L}loadAll`, async () => { const id = await list('texts', []); assert(has(ok(await m.list.loadAll()), id), 'listed'); });
check(`${L}import`, async () => { ok(await m.list.import([{ name: 'imported', type: 'texts', data: ['z'] }])); assert(has(ok(await m.list.loadByName('imported')), 'z'), 'z'); });
check(`${L}addIPs`, async () => { const id = await list('ips', []); ok(await m.list.addIPs(id, ['192.168.0.0/16'])); eq(ok(await m.list.checkIP(id, '192.168.4.4')), true, 'in range'); });
check(`${L}removeIPs`, async () => { const id = await list('ips', ['1.2.3.4']); ok(await m.list.removeIPs(id, ['1.2.3.4'])); eq(ok(await m.list.checkIP(id, '1.2.3.4')), false, 'removed'); });
check(`${L}checkIP`, async () => { const id = await list('ips', ['10.0.0.0/24']); eq(ok(await m.list.checkIP(id, '10.0.1.1')), false, 'outside'); });
check(`${L}addTexts`, async () => { const id = await list('texts', []); ok(await m.list.addTexts(id, ['hello'])); eq(ok(await m.list.checkText(id, 'hello')), true, 'added'); });
check(`${L}removeTexts`, async () => { const id = await list('texts', ['hello']); ok(await m.list.removeTexts(id, ['hello'])); eq(ok(await m.list.checkText(id, 'hello')), false, 'removed'); });
check(`${L}checkText`, async () => { const id = await list('texts', ['a']); eq(ok(await m.list.checkText(id, 'b')), false, 'absent'); });
check(`${L}clear`, async () => { const id = await list('texts', ['a']); ok(await m.list.clear(id)); eq(ok(await m.list.checkText(id, 'a')), false, 'cleared'); });

// -- JWT templates ------------------------------------------------------------------------
const JT = 'management.jwtTemplate.';
const template = async () => ok(await m.jwtTemplate.create({ name: uid('tpl'), template: { k: 'v' } })).id; // the SDK answers the template
check(`${JT}create`, async () => {
  const id = await template();
  assert(has(ok(await m.jwtTemplate.load(id)), 'tpl'), 'stored');
  // selected as the project's user JWT template, it shapes the tokens issued afterwards
  const r = await raw('POST', '/emulator/settings', { userJwtTemplateId: id });
  eq(r.status, 200, 'setting');
  const { loginId } = await user();
  eq(claims(ok(await m.jwt.signIn(loginId)).sessionJwt).k, 'v', 'templated claim');
});
check(`${JT}update`, async () => { const id = await template(); ok(await m.jwtTemplate.update({ id, name: 'renamed', template: {} })); assert(has(ok(await m.jwtTemplate.load(id)), 'renamed'), 'renamed'); });
check(`${JT}delete`, async () => { const id = await template(); ok(await m.jwtTemplate.delete(id)); refused(await m.jwtTemplate.load(id)); });
check(`${JT}list`, async () => { const id = await template(); assert(has(ok(await m.jwtTemplate.list()), id), 'listed'); });
check(`${JT}load`, async () => refused(await m.jwtTemplate.load('missing')));
check(`${JT}validate`, async () => {
  const id = await template();
  eq(ok(await m.jwtTemplate.validate(id)).valid, true, 'valid');
  const bad = ok(await m.jwtTemplate.validate(id, { name: 'bad', template: { who: '{{user.password}}' } }));
  eq(bad.valid, false, 'invalid');
  assert(has(bad.issues, 'template.who'), 'names the claim');
});
check(`${JT}listLibrary`, async () => assert(ok(await m.jwtTemplate.listLibrary()).some((x) => x.id === 'supabase'), 'library'));
check(`${JT}loadLibraryEntry`, async () => {
  eq(ok(await m.jwtTemplate.loadLibraryEntry('supabase')).id, 'supabase', 'entry');
  refused(await m.jwtTemplate.loadLibraryEntry('missing'));
});
check(`${JT}applyFromLibrary`, async () => {
  const made = ok(await m.jwtTemplate.applyFromLibrary({ libraryEntryId: 'supabase', nameOverride: 'Supa' }));
  eq(ok(await m.jwtTemplate.load(made.id)).name, 'Supa', 'stored');
  refused(await m.jwtTemplate.applyFromLibrary({ libraryEntryId: 'missing' }));
});

// -- scope -> claim mapping / analytics ---------------------------------------------------
check('management.scopeClaimMapping.set', async () => { ok(await m.scopeClaimMapping.set([{ scope: 'profile', claims: { name: 'name' }, description: 'd' }])); assert(has(ok(await m.scopeClaimMapping.get()), 'profile'), 'stored'); });
check('management.scopeClaimMapping.get', async () => assert(!has(ok(await m.scopeClaimMapping.get()), 'profile'), 'empty'));
check('management.scopeClaimMapping.delete', async () => { ok(await m.scopeClaimMapping.set([{ scope: 'profile', claims: { name: 'name' }, description: 'd' }])); ok(await m.scopeClaimMapping.delete()); assert(!has(ok(await m.scopeClaimMapping.get()), 'profile'), 'deleted'); });
// a sign-in by OTP (email) counts under method "otp", as audit.search shows it
check('management.analytics.search', async () => { await signedIn(); eq(ok(await m.analytics.search({ groupByMethod: true, actions: ['LoginSucceed'] })), [{ method: 'otp', count: 1 }], 'sign-in counted'); });


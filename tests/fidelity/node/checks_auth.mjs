// Checks of the Node SDK's authentication calls and the client's own calls (one per call).
import {
  assert, check, claims, code, email, env, eq, foreignToken, idpCode, linkToken, loadUser, m, minted,
  ok, outbox, provider, PWD, raw, refused, sdk, signedIn, ssoTenant, tenant, totpNow, URI, user,
  validSession,
} from './lib.mjs';

// -- OTP (every delivery method the SDK names) --------------------------------------------
const PHONE_METHODS = ['sms', 'voice', 'whatsapp', 'im'];
const target = (method) => (method === 'email' ? email() : `+1555555${String(1000 + (++globalThis.__n || (globalThis.__n = 1))).slice(-4)}`);
for (const method of ['email', ...PHONE_METHODS]) {
  check(`otp.signUp.${method}`, async () => {
    const loginId = target(method);
    ok(await sdk.otp.signUp[method](loginId, { name: 'Ada' }));
    const data = ok(await sdk.otp.verify[method](loginId, await code(loginId)));
    eq(data.user.name, 'Ada', 'name');
    eq(data.firstSeen, true, 'firstSeen');
  });
  check(`otp.signIn.${method}`, async () => {
    const loginId = target(method);
    await user(method === 'email' ? { loginId } : { loginId, phone: loginId });
    ok(await sdk.otp.signIn[method](loginId));
    eq((await outbox(loginId)).channel, method === 'email' ? 'email' : method, 'channel');
  });
  check(`otp.signUpOrIn.${method}`, async () => {
    const loginId = target(method);
    ok(await sdk.otp.signUpOrIn[method](loginId));
    const data = ok(await sdk.otp.verify[method](loginId, await code(loginId)));
    eq(data.user.loginIds, [loginId], 'loginIds');
  });
  check(`otp.verify.${method}`, async () => {
    const loginId = target(method);
    ok(await sdk.otp.signUpOrIn[method](loginId));
    const c = await code(loginId);
    const data = ok(await sdk.otp.verify[method](loginId, c));
    eq(claims(data.sessionJwt).amr, [method === 'email' ? 'email' : method === 'voice' ? 'sms' : method], 'amr');
    refused(await sdk.otp.verify[method](loginId, c));
  });
}
check('otp.update.email', async () => {
  const s = await signedIn();
  const next = email('new');
  ok(await sdk.otp.update.email(s.loginId, next, s.refreshJwt));
  ok(await sdk.otp.verify.email(s.loginId, await code(next)));
  eq((await loadUser(s.loginId)).email, next, 'email');
});
for (const [method, phone] of [['sms', '+15555550199'], ['whatsapp', '+15555550197'], ['im', '+15555550196']]) {
  check(`otp.update.phone.${method}`, async () => {
    const s = await signedIn();
    ok(await sdk.otp.update.phone[method](s.loginId, phone, s.refreshJwt));
    eq((await outbox(phone)).channel, method, 'channel');
    ok(await sdk.otp.verify[method](s.loginId, await code(phone)));
    eq((await loadUser(s.loginId)).phone, phone, 'phone');
  });
}

// -- magic link ---------------------------------------------------------------------------
for (const method of ['email', 'sms', 'whatsapp']) {
  check(`magicLink.signUp.${method}`, async () => {
    const loginId = target(method);
    ok(await sdk.magicLink.signUp[method](loginId, URI, { name: 'Lin' }));
    const data = ok(await sdk.magicLink.verify(await linkToken(loginId)));
    eq(data.user.name, 'Lin', 'name');
  });
  check(`magicLink.signIn.${method}`, async () => {
    const loginId = target(method);
    await user(method === 'email' ? { loginId } : { loginId, phone: loginId });
    ok(await sdk.magicLink.signIn[method](loginId, URI));
    assert((await outbox(loginId)).link.startsWith(URI), 'link points at the given URI');
  });
  check(`magicLink.signUpOrIn.${method}`, async () => {
    const loginId = target(method);
    ok(await sdk.magicLink.signUpOrIn[method](loginId, URI));
    eq(ok(await sdk.magicLink.verify(await linkToken(loginId))).firstSeen, true, 'firstSeen');
  });
}
check('magicLink.verify', async () => {
  const { loginId } = await user();
  ok(await sdk.magicLink.signIn.email(loginId, URI));
  const token = await linkToken(loginId);
  const data = ok(await sdk.magicLink.verify(token));
  eq(claims(data.sessionJwt).amr, ['email'], 'amr');
  refused(await sdk.magicLink.verify(token));
});
check('magicLink.update.email', async () => {
  const s = await signedIn();
  const next = email('new');
  ok(await sdk.magicLink.update.email(s.loginId, next, URI, s.refreshJwt));
  ok(await sdk.magicLink.verify(await linkToken(next)));
  eq((await loadUser(s.loginId)).email, next, 'email');
});
for (const [method, phone] of [['sms', '+15555550198'], ['whatsapp', '+15555550195'], ['im', '+15555550194']]) {
  check(`magicLink.update.phone.${method}`, async () => {
    const s = await signedIn();
    ok(await sdk.magicLink.update.phone[method](s.loginId, phone, URI, s.refreshJwt));
    eq((await outbox(phone)).channel, method, 'channel');
    ok(await sdk.magicLink.verify(await linkToken(phone)));
    eq((await loadUser(s.loginId)).phone, phone, 'phone');
  });
}

// -- enchanted link -----------------------------------------------------------------------
check('enchantedLink.signUp', async () => {
  const loginId = email();
  const data = ok(await sdk.enchantedLink.signUp(loginId, URI, { name: 'En' }));
  assert(data.pendingRef && data.linkId, 'pendingRef and linkId');
  eq((await outbox(loginId)).kind, 'enchantedlink', 'kind');
});
check('enchantedLink.signIn', async () => {
  const { loginId } = await user();
  assert(ok(await sdk.enchantedLink.signIn(loginId, URI)).pendingRef, 'pendingRef');
});
check('enchantedLink.signUpOrIn', async () => {
  const loginId = email();
  assert(ok(await sdk.enchantedLink.signUpOrIn(loginId, URI)).pendingRef, 'pendingRef');
  await outbox(loginId);
});
check('enchantedLink.verify', async () => {
  const { loginId } = await user();
  const started = ok(await sdk.enchantedLink.signIn(loginId, URI));
  ok(await sdk.enchantedLink.verify((await outbox(loginId)).token));
  const data = ok(await sdk.enchantedLink.waitForSession(started.pendingRef, { pollingIntervalMs: 100, timeoutMs: 5000 }));
  eq(data.user.loginIds, [loginId], 'loginIds');
});
check('enchantedLink.waitForSession', async () => {
  const { loginId } = await user();
  const started = ok(await sdk.enchantedLink.signIn(loginId, URI));
  refused(await sdk.enchantedLink.waitForSession(started.pendingRef, { pollingIntervalMs: 100, timeoutMs: 300 }));
  ok(await sdk.enchantedLink.verify((await outbox(loginId)).token));
  const data = ok(await sdk.enchantedLink.waitForSession(started.pendingRef, { pollingIntervalMs: 100, timeoutMs: 5000 }));
  eq(claims(data.sessionJwt).amr, ['email'], 'amr');
});
check('enchantedLink.update.email', async () => {
  const s = await signedIn();
  const next = email('new');
  const started = ok(await sdk.enchantedLink.update.email(s.loginId, next, URI, s.refreshJwt));
  ok(await sdk.enchantedLink.verify((await outbox(next)).token));
  ok(await sdk.enchantedLink.waitForSession(started.pendingRef, { pollingIntervalMs: 100, timeoutMs: 5000 }));
  eq((await loadUser(s.loginId)).email, next, 'email');
});

// -- OAuth / SSO / SAML -------------------------------------------------------------------
check('oauth.start', async () => {
  const data = ok(await sdk.oauth.start('google', 'http://127.0.0.1/cb'));
  assert(data.url.startsWith(env.base), 'authorize URL on the emulator');
  assert(await idpCode(data.url, email()), 'a code');
});
check('oauth.exchange', async () => {
  const loginId = email();
  const { url } = ok(await sdk.oauth.start('github', 'http://127.0.0.1/cb'));
  const data = ok(await sdk.oauth.exchange(await idpCode(url, loginId)));
  eq(claims(data.sessionJwt).amr, ['oauth'], 'amr');
  eq(data.firstSeen, true, 'firstSeen');
});
// One Tap and native sign-in: the emulator's stand-in provider hands out the ID token / code the
// real provider gives the app (its keys at /emulator/idp/jwks); anything else is refused.
check('oauth.startNative', async () => {
  const started = ok(await sdk.oauth.startNative('google', {}, false));
  assert(started.stateId && started.nonce, 'stateId and nonce');
  eq(started.clientId, ok(await sdk.oauth.getOneTapClientId('google')).clientId, 'clientId');
  const loginId = email();
  const { code } = await provider({ provider: 'google', loginId, nonce: started.nonce });
  const data = ok(await sdk.oauth.finishNative('google', started.stateId, '', code, ''));
  await validSession(data.sessionJwt, data.user.userId);
  eq(claims(data.sessionJwt).amr, ['oauth'], 'amr');
  refused(await sdk.oauth.startNative('myspace', {}, false));
});
check('oauth.finishNative', async () => {
  const started = ok(await sdk.oauth.startNative('apple', {}, true));
  eq(started.implicit, true, 'implicit');
  const loginId = email();
  const { idToken } = await provider({ provider: 'apple', loginId, nonce: 'wrong-nonce' });
  refused(await sdk.oauth.finishNative('apple', started.stateId, '', '', idToken));
  const again = ok(await sdk.oauth.startNative('apple', {}, true));
  const good = await provider({ provider: 'apple', loginId, nonce: again.nonce });
  refused(await sdk.oauth.finishNative('apple', again.stateId, '', '', await foreignToken(claims(good.idToken))));
  const third = ok(await sdk.oauth.startNative('apple', {}, true));
  const minted = await provider({ provider: 'apple', loginId, nonce: third.nonce });
  const user = JSON.stringify({ name: { firstName: 'Ann', lastName: 'Apple' } });
  const data = ok(await sdk.oauth.finishNative('apple', third.stateId, user, '', minted.idToken));
  await validSession(data.sessionJwt, data.user.userId);
  eq(data.firstSeen, true, 'firstSeen');
  eq((await loadUser(loginId)).name, 'Ann Apple', 'name from the user JSON');
  refused(await sdk.oauth.finishNative('apple', third.stateId, user, '', minted.idToken));
});
check('oauth.getOneTapClientId', async () => {
  const { clientId } = ok(await sdk.oauth.getOneTapClientId('google'));
  const { idToken } = await provider({ provider: 'google', client_id: clientId, loginId: email(), nonce: 'n' });
  eq(claims(idToken).aud, clientId, 'the stand-in issues tokens for this client id');
  refused(await sdk.oauth.getOneTapClientId('myspace'));
});
check('oauth.verifyOneTapIDToken', async () => {
  const loginId = email();
  const { idToken } = await provider({ provider: 'google', loginId, nonce: 'n1', name: 'Tap' });
  refused(await sdk.oauth.verifyOneTapIDToken('google', idToken, 'another-nonce'));
  refused(await sdk.oauth.verifyOneTapIDToken('google', await foreignToken(claims(idToken)), 'n1'));
  refused(await sdk.oauth.verifyOneTapIDToken('google', (await signedIn()).sessionJwt, 'n1'));
  const { code } = ok(await sdk.oauth.verifyOneTapIDToken('google', idToken, 'n1'));
  const data = ok(await sdk.oauth.exchange(code));
  await validSession(data.sessionJwt, data.user.userId);
  eq([data.user.loginIds, data.user.name], [[loginId], 'Tap'], 'user from the ID token');
});
check('oauth.exchangeOneTapIDToken', async () => {
  const loginId = email();
  const { idToken } = await provider({ provider: 'google', loginId, nonce: 'n2' });
  refused(await sdk.oauth.exchangeOneTapIDToken('google', await foreignToken(claims(idToken)), 'n2'));
  const data = ok(await sdk.oauth.exchangeOneTapIDToken('google', idToken, 'n2', { customClaims: { app: 'x' } }));
  await validSession(data.sessionJwt, data.user.userId);
  eq(claims(data.sessionJwt).amr, ['oauth'], 'amr');
  eq(claims(data.sessionJwt).nsec, { app: 'x' }, 'nsec');
  eq(data.firstSeen, true, 'firstSeen');
  ok(await m.user.deactivate(loginId));
  refused(await sdk.oauth.exchangeOneTapIDToken('google', idToken, 'n2'));
});
check('sso.start', async () => {
  const tid = await ssoTenant();
  assert(await idpCode(ok(await sdk.sso.start(tid, 'http://127.0.0.1/cb')).url, email()), 'a code');
});
check('sso.exchange', async () => {
  const tid = await ssoTenant();
  const { url } = ok(await sdk.sso.start(tid, 'http://127.0.0.1/cb'));
  const data = ok(await sdk.sso.exchange(await idpCode(url, email())));
  eq(claims(data.sessionJwt).amr, ['fed'], 'amr');
});
check('saml.start', async () => {
  const tid = await ssoTenant();
  assert(await idpCode(ok(await sdk.saml.start(tid, 'http://127.0.0.1/cb')).url, email()), 'a code');
});
check('saml.exchange', async () => {
  const tid = await ssoTenant();
  const { url } = ok(await sdk.saml.start(tid, 'http://127.0.0.1/cb'));
  const data = ok(await sdk.saml.exchange(await idpCode(url, email())));
  eq(claims(data.sessionJwt).amr, ['fed'], 'amr');
});

// -- TOTP ---------------------------------------------------------------------------------
check('totp.signUp', async () => {
  const loginId = email();
  const data = ok(await sdk.totp.signUp(loginId, { name: 'T' }));
  assert(data.provisioningURL.startsWith('otpauth://totp/'), 'provisioning URL');
  eq(ok(await sdk.totp.verify(loginId, await totpNow(data.key))).user.name, 'T', 'name');
});
check('totp.verify', async () => {
  const loginId = email();
  const { key } = ok(await sdk.totp.signUp(loginId));
  const data = ok(await sdk.totp.verify(loginId, await totpNow(key)));
  eq(claims(data.sessionJwt).amr, ['totp'], 'amr');
  refused(await sdk.totp.verify(loginId, (await totpNow(key)) === '000000' ? '111111' : '000000'));
});
check('totp.update', async () => {
  const s = await signedIn();
  const { key } = ok(await sdk.totp.update(s.loginId, s.refreshJwt));
  eq(ok(await sdk.totp.verify(s.loginId, await totpNow(key))).user.userId, s.user.userId, 'same user');
});

// -- password -----------------------------------------------------------------------------
check('password.signUp', async () => {
  const data = ok(await sdk.password.signUp(email(), PWD, { name: 'Pat' }));
  eq(claims(data.sessionJwt).amr, ['pwd'], 'amr');
  refused(await sdk.password.signUp(email(), 'short'));
});
check('password.signIn', async () => {
  const loginId = email();
  ok(await sdk.password.signUp(loginId, PWD));
  eq(ok(await sdk.password.signIn(loginId, PWD)).firstSeen, false, 'firstSeen');
  refused(await sdk.password.signIn(loginId, `${PWD}x`));
});
check('password.sendReset', async () => {
  const loginId = email();
  ok(await sdk.password.signUp(loginId, PWD));
  ok(await sdk.password.sendReset(loginId, 'http://127.0.0.1/reset'));
  const data = ok(await sdk.magicLink.verify(await linkToken(loginId)));
  ok(await sdk.password.update(loginId, `${PWD}2`, data.refreshJwt));
  ok(await sdk.password.signIn(loginId, `${PWD}2`));
});
check('password.update', async () => {
  const loginId = email();
  const data = ok(await sdk.password.signUp(loginId, PWD));
  ok(await sdk.password.update(loginId, 'N3w-Passw0rd!', data.refreshJwt));
  refused(await sdk.password.signIn(loginId, PWD));
});
check('password.replace', async () => {
  const loginId = email();
  ok(await sdk.password.signUp(loginId, PWD));
  ok(await sdk.password.replace(loginId, PWD, 'R3placed-Passw0rd'));
  ok(await sdk.password.signIn(loginId, 'R3placed-Passw0rd'));
});
check('password.policy', async () => {
  eq(ok(await sdk.password.policy()).minLength, 8, 'minLength');
});

// -- WebAuthn / nOTP / flows / outbound connect: started the way an app would -------------
check('webauthn.signUp.start', async () => {
  assert(ok(await sdk.webauthn.signUp.start(email(), 'http://127.0.0.1', 'W')).transactionId, 'transactionId');
});
check('webauthn.signUp.finish', async () => {
  const started = ok(await sdk.webauthn.signUp.start(email(), 'http://127.0.0.1', 'W'));
  refused(await sdk.webauthn.signUp.finish(started.transactionId, '{}'));
});
check('webauthn.signIn.start', async () => {
  const { loginId } = await user();
  refused(await sdk.webauthn.signIn.start(loginId, 'http://127.0.0.1'));
  ok(await sdk.webauthn.signUpOrIn.start(email(), 'http://127.0.0.1'));
});
check('webauthn.signIn.finish', async () => {
  const started = ok(await sdk.webauthn.signUpOrIn.start(email(), 'http://127.0.0.1'));
  refused(await sdk.webauthn.signIn.finish(started.transactionId, '{}'));
});
check('webauthn.signUpOrIn.start', async () => {
  eq(ok(await sdk.webauthn.signUpOrIn.start(email(), 'http://127.0.0.1')).create, true, 'create');
});
check('webauthn.update.start', async () => {
  const s = await signedIn();
  assert(ok(await sdk.webauthn.update.start(s.loginId, 'http://127.0.0.1', s.refreshJwt)).transactionId, 'transactionId');
});
check('webauthn.update.finish', async () => {
  const s = await signedIn();
  const started = ok(await sdk.webauthn.update.start(s.loginId, 'http://127.0.0.1', s.refreshJwt));
  refused(await sdk.webauthn.update.finish(started.transactionId, '{}'));
});
// nOTP: the emulator plays WhatsApp at the answer's redirectUrl (the person sends the message)
async function sendWhatsApp(redirectUrl, phone) {
  const page = await fetch(redirectUrl);
  assert(page.status === 200, `nOTP page answered ${page.status}`);
  const t = new URL(redirectUrl).searchParams.get('t');
  const r = await fetch(`${env.base}/emulator/notp/send?${new URLSearchParams({ t, phone })}`);
  assert(r.status === 200, `nOTP send answered ${r.status}`);
}
const WAIT = { pollingIntervalMs: 1000, timeoutMs: 15000 };
check('notp.signUpOrIn', async () => {
  const started = ok(await sdk.notp.signUpOrIn(''));  // no login id: the sender's number decides
  assert(started.pendingRef && started.image, 'pendingRef and image');
  const phone = '+15555550171';
  await sendWhatsApp(started.redirectUrl, phone);
  const data = ok(await sdk.notp.waitForSession(started.pendingRef, WAIT));
  await validSession(data.sessionJwt, data.user.userId);
  eq([data.user.phone, data.user.verifiedPhone, data.firstSeen], [phone, true, true], 'user');
});
check('notp.signUp', async () => {
  const phone = '+15555550172';
  const started = ok(await sdk.notp.signUp(phone, { name: 'Nia' }));
  eq((await outbox(phone)).channel, 'whatsapp', 'channel');
  await sendWhatsApp((await outbox(phone)).link, phone);
  const data = ok(await sdk.notp.waitForSession(started.pendingRef, WAIT));
  eq([data.user.name, data.user.loginIds], ['Nia', [phone]], 'user');
  refused(await sdk.notp.signUp(phone));
});
check('notp.signIn', async () => {
  const phone = '+15555550173';
  refused(await sdk.notp.signIn(phone));
  const { userId } = await user({ loginId: phone, phone });
  const started = ok(await sdk.notp.signIn(phone));
  await sendWhatsApp(started.redirectUrl, phone);
  const data = ok(await sdk.notp.waitForSession(started.pendingRef, WAIT));
  await validSession(data.sessionJwt, userId);
  eq(claims(data.sessionJwt).amr, ['whatsapp'], 'amr');
});
check('notp.waitForSession', async () => {
  const started = ok(await sdk.notp.signUpOrIn('+15555550178'));
  const early = refused(await sdk.notp.waitForSession(started.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 1500 }));
  assert(JSON.stringify(early).includes('timeout'), 'still pending');
  await sendWhatsApp(started.redirectUrl, '+15555550178');
  const data = ok(await sdk.notp.waitForSession(started.pendingRef, WAIT));
  await validSession(data.sessionJwt, data.user.userId);
  const raw2 = await raw('POST', '/v1/auth/notp/pending-session', { pendingRef: started.pendingRef });
  assert(raw2.status === 401, 'a pending session is used once');
});
check('flow.start', async () => {
  const started = ok(await sdk.flow.start('sign-up-or-in'));
  assert(started.executionId && started.stepId, 'execution');
  eq([started.status, started.stepName, started.action], ['waiting', 'sign-up-or-in', 'screen'], 'first screen');
  refused(await sdk.flow.start('no-such-flow'));
});
check('flow.next', async () => {
  const loginId = email();
  const started = ok(await sdk.flow.start('sign-up-or-in'));
  const asked = ok(await sdk.flow.next(started.executionId, started.stepId, 'submit', undefined, undefined, { email: loginId }));
  eq(asked.stepName, 'email-code-verify', 'code screen');
  const done = ok(await sdk.flow.next(asked.executionId, asked.stepId, 'submit', undefined, undefined, { code: await code(loginId) }));
  eq(done.status, 'completed', 'completed');
  eq(done.authInfo.user.loginIds, [loginId], 'signed up');
  assert(ok(await sdk.refresh(done.authInfo.refreshJwt)).sessionJwt, 'session refreshes');
});
check('outbound.connect', async () => {
  const app = ok(await m.outboundApplication.createApplication({ name: 'Out', clientId: 'c', authorizationUrl: 'http://127.0.0.1/a', tokenUrl: 'http://127.0.0.1/t' }));
  const appId = (app.app || app).id;
  const s = await signedIn();
  const { url } = ok(await sdk.outbound.connect(appId, { redirectUrl: 'http://127.0.0.1/cb', scopes: ['calendar'] }, s.refreshJwt));
  refused(await sdk.outbound.connect(appId, { redirectUrl: 'http://127.0.0.1/cb' }));  // no session
  const page = await fetch(url);
  assert(page.status === 200, `consent page answered ${page.status}`);
  const state = new URL(url).searchParams.get('state');
  const r = await fetch(`${env.base}/emulator/outbound/authorize/complete?${new URLSearchParams({ state, consent: 'allow' })}`, { redirect: 'manual' });
  eq([r.status, r.headers.get('location')], [302, 'http://127.0.0.1/cb'], 'back to the app');
  const stored = ok(await m.outboundApplication.fetchToken(appId, s.user.userId));
  const token = stored.token || stored;
  eq(token.scopes, ['calendar'], 'scopes');
  assert(token.accessToken, 'an access token');
  assert(JSON.stringify(ok(await m.outboundApplication.listAppsWithUserToken(s.user.userId))).includes(appId), 'app listed for the user');
});
// -- the client's own calls ---------------------------------------------------------------
check('accessKey.exchange', async () => {
  const created = ok(await m.accessKey.create('key', 0, ['Tenant Admin'], undefined, undefined, { k: 'v' }));
  const data = ok(await sdk.accessKey.exchange(created.cleartext));
  const token = data.sessionJwt || data.jwt;
  eq(claims(token).k, 'v', 'custom claim');
});
check('exchangeAccessKey', async () => {
  const created = ok(await m.accessKey.create('key', 0, ['Tenant Admin']));
  const info = await sdk.exchangeAccessKey(created.cleartext);
  assert(info.token.roles.includes('Tenant Admin'), 'roles');
});
check('refresh', async () => {
  const s = await signedIn();
  eq(claims(ok(await sdk.refresh(s.refreshJwt)).sessionJwt).sub, s.user.userId, 'sub');
});
check('selectTenant', async () => {
  const t1 = await tenant();
  const t2 = await tenant();
  const s = await signedIn({ userTenants: [{ tenantId: t1 }, { tenantId: t2 }] });
  eq(claims(ok(await sdk.selectTenant(t2, s.refreshJwt)).sessionJwt).dct, t2, 'dct');
  refused(await sdk.selectTenant('not-mine', s.refreshJwt));
});
check('logout', async () => {
  const s = await signedIn();
  ok(await sdk.logout(s.refreshJwt));
  refused(await sdk.refresh(s.refreshJwt));
});
check('logoutAll', async () => {
  const s = await signedIn();
  const { code: c } = ok(await m.user.generateOTPForTestUser('email', s.loginId));
  const second = ok(await sdk.otp.verify.email(s.loginId, c));
  ok(await sdk.logoutAll(second.refreshJwt));
  refused(await sdk.refresh(s.refreshJwt));
});
check('me', async () => {
  const s = await signedIn();
  eq(ok(await sdk.me(s.refreshJwt)).loginIds, [s.loginId], 'loginIds');
});
check('myTenants', async () => {
  const tid = await tenant('Mine');
  const s = await signedIn({ userTenants: [{ tenantId: tid }] });
  eq(ok(await sdk.myTenants([tid], s.refreshJwt)).tenants.map((t) => t.id), [tid], 'tenants');
});
check('history', async () => {
  const s = await signedIn();
  eq(ok(await sdk.history(s.refreshJwt)).length, 1, 'one login');
});
check('validateSession', async () => {
  const s = await signedIn();
  eq((await sdk.validateSession(s.sessionJwt)).token.sub, s.user.userId, 'sub');
  let threw = false;
  try { await sdk.validateSession(`${s.sessionJwt.slice(0, -4)}AAAA`); } catch { threw = true; }
  assert(threw, 'a tampered token is refused');
});
check('validateJwt', async () => {
  const s = await signedIn();
  eq((await sdk.validateJwt(s.sessionJwt)).token.sub, s.user.userId, 'sub');
});
check('refreshSession', async () => {
  const s = await signedIn();
  eq((await sdk.refreshSession(s.refreshJwt)).token.sub, s.user.userId, 'sub');
});
check('validateAndRefreshSession', async () => {
  const s = await signedIn();
  eq((await sdk.validateAndRefreshSession('not-a-jwt', s.refreshJwt)).token.sub, s.user.userId, 'sub');
});
check('getKey', async () => {
  const s = await signedIn();
  const [header] = s.sessionJwt.split('.');
  const key = await sdk.getKey(JSON.parse(Buffer.from(header, 'base64url').toString()));
  assert(key, 'the signing key from the emulator JWKS');
});
check('isJwtExpired', async () => {
  const fresh = await minted(email());
  const old = await minted(email(), { sessionTtl: -5 });
  eq([sdk.isJwtExpired(fresh.sessionJwt), sdk.isJwtExpired(old.sessionJwt)], [false, true], 'expired');
});
async function authInfo(extra) {
  const tokens = await minted(email(), extra);
  return sdk.validateSession(tokens.sessionJwt);
}
check('getTenants', async () => {
  eq(sdk.getTenants((await authInfo({ tenants: { T1: { roles: ['r'] } } })).jwt), ['T1'], 'tenants');
});
check('getJwtPermissions', async () => {
  eq(sdk.getJwtPermissions((await authInfo({ permissions: ['read'] })).jwt), ['read'], 'permissions');
});
check('getJwtRoles', async () => {
  eq(sdk.getJwtRoles((await authInfo({ roles: ['admin'] })).jwt), ['admin'], 'roles');
});
check('getCurrentTenant', async () => {
  const t1 = await tenant();
  const s = await signedIn({ userTenants: [{ tenantId: t1 }] });
  const selected = ok(await sdk.selectTenant(t1, s.refreshJwt));
  eq(sdk.getCurrentTenant(selected.sessionJwt), t1, 'dct');
});
check('validatePermissions', async () => {
  const info = await authInfo({ permissions: ['read'] });
  eq([sdk.validatePermissions(info, ['read']), sdk.validatePermissions(info, ['x'])], [true, false], 'valid');
});
check('getMatchedPermissions', async () => {
  eq(sdk.getMatchedPermissions(await authInfo({ permissions: ['a', 'b'] }), ['a', 'c']), ['a'], 'matched');
});
check('validateTenantPermissions', async () => {
  const info = await authInfo({ tenants: { T1: { permissions: ['p'] } } });
  eq([sdk.validateTenantPermissions(info, 'T1', ['p']), sdk.validateTenantPermissions(info, 'T2', ['p'])], [true, false], 'valid');
});
check('getMatchedTenantPermissions', async () => {
  eq(sdk.getMatchedTenantPermissions(await authInfo({ tenants: { T1: { permissions: ['p', 'q'] } } }), 'T1', ['q', 'z']), ['q'], 'matched');
});
check('validateRoles', async () => {
  const info = await authInfo({ roles: ['admin'] });
  eq([sdk.validateRoles(info, ['admin']), sdk.validateRoles(info, ['root'])], [true, false], 'valid');
});
check('getMatchedRoles', async () => {
  eq(sdk.getMatchedRoles(await authInfo({ roles: ['r1', 'r2'] }), ['r2', 'r3']), ['r2'], 'matched');
});
check('validateTenantRoles', async () => {
  const info = await authInfo({ tenants: { T1: { roles: ['r'] } } });
  eq([sdk.validateTenantRoles(info, 'T1', ['r']), sdk.validateTenantRoles(info, 'T1', ['q'])], [true, false], 'valid');
});
check('getMatchedTenantRoles', async () => {
  eq(sdk.getMatchedTenantRoles(await authInfo({ tenants: { T1: { roles: ['r', 's'] } } }), 'T1', ['s']), ['s'], 'matched');
});


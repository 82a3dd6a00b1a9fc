// Logs into the Hawtio console of a running cxone-handoff in Debian's headless Chromium, as an operator and
// as the read-only viewer would, and checks what each relies on (docs/console.md).
// Usage: node hawtio.test.mjs BASE_URL USER PASSWORD OUT_DIR VIEWER_USER VIEWER_PASSWORD
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [base, user, password, outDir, viewer, viewerPassword] = process.argv.slice(2);
const consoleUrl = `${base}/hawtio/`;
const jolokia = `${base}/hawtio/jolokia/`;
const basic = (u, p) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');
const step = (what) => console.log(`[hawtio-test] ${what}`);
const handoffRoute = 'org.apache.camel:context=cxone-handoff,type=routes,name="handoff"';
// Jolokia answers only the console's own origin (strict): scripts name it like a browser does
const post = (headers, body) => fetch(jolokia, { method: 'POST',
  headers: { Origin: base, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

// Jolokia (what the console talks to) refuses anonymous and wrong-password requests
const anonymous = await fetch(`${jolokia}version`);
assert.equal(anonymous.status, 403, 'anonymous Jolokia request must be refused');
const wrongBasic = await post({ Authorization: basic(user, `wrong-${password}`) }, { type: 'version' });
assert.equal(wrongBasic.status, 403, 'wrong password must be refused by Jolokia');
step('Jolokia refuses anonymous and wrong-password requests (403)');

// ... and a page of another origin, even with the right login
const foreign = await (await post({ Authorization: basic(user, password), Origin: 'http://evil.example' }, { type: 'version' })).json();
assert.equal(foreign.status, 403, `a foreign Origin must be refused: ${JSON.stringify(foreign)}`);
step('Jolokia refuses a foreign Origin (403)');

// with the login, the operator's MBeans answer
const read = async (mbean) => {
  const response = await post({ Authorization: basic(user, password) }, { type: 'read', mbean });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.status, 200, JSON.stringify(body));
  return Object.values(body.value)[0];
};
const statistics = await read('org.apache.camel:context=cxone-handoff,type=services,name=HandoffStatistics*');
assert.ok(statistics.Transferred >= 1, `handoffs transferred: ${statistics.Transferred}`);
const stream = await read('org.apache.camel:context=cxone-handoff,type=services,name=EventStreamControl*');
assert.equal(stream.EventStreamState, 'Started');
await read('org.apache.camel:context=cxone-handoff,type=services,name=SharedDeadLetters*');
step(`HandoffStatistics (transferred ${statistics.Transferred}), EventStreamControl and SharedDeadLetters readable`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const logIn = async (page, name, secret) => {
  await page.goto(consoleUrl);
  await page.fill('#pf-login-username-id', name);
  await page.fill('#pf-login-password-id', secret);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/hawtio\/camel/, { timeout: 30000 });
};
const routesTable = async (page) => {
  await page.getByText('routes', { exact: true }).first().click();
  await page.waitForURL(/\/hawtio\/camel\/routes/);
  const table = page.locator('table');
  for (const route of ['cxone-event-stream', 'parse-frame', 'queue-event', 'handoff-lanes', 'handoff-decision', 'handoff', 'cxone-get-interaction', 'cxone-request', 'dead-letter']) {
    await table.getByText(route, { exact: true }).first().waitFor({ timeout: 30000 });
  }
  return table;
};
try {
  const operator = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await operator.newPage();

  // a wrong password is refused: still on the login page, no console
  await page.goto(consoleUrl);
  await page.fill('#pf-login-username-id', user);
  await page.fill('#pf-login-password-id', `wrong-${password}`);
  const [refusal] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/hawtio/auth/login')),
    page.click('button[type=submit]'),
  ]);
  assert.equal(refusal.status(), 403, 'the login call must be refused');
  assert.match(page.url(), /\/hawtio\/login/, 'a wrong password must not log in');
  assert.equal(await page.getByText('Camel', { exact: true }).count(), 0);
  step('wrong password refused (login page stays)');

  // the right one opens the Camel plugin, with a strict, script-proof session cookie
  await logIn(page, user, password);
  step(`operator logged in: ${page.url()}`);
  const [session] = (await operator.cookies()).filter((c) => c.name === 'JSESSIONID');
  assert.ok(session, 'a session cookie');
  assert.equal(session.sameSite, 'Strict', 'session cookie SameSite');
  assert.equal(session.httpOnly, true, 'session cookie HttpOnly');
  step('session cookie: SameSite=Strict, HttpOnly');

  // the routes table, with live counts
  await routesTable(page);
  step('routes table lists the handoff routes');
  await page.screenshot({ path: `${outDir}/hawtio-routes.png` });

  // the route diagram of the handoff route
  await page.locator('[role=treeitem]', { hasText: /^handoff$/ }).first().click().catch(async () => {
    await page.getByText('handoff', { exact: true }).first().click();
  });
  await page.getByText('Route Diagram', { exact: true }).first().click();
  // the diagram's nodes carry the processors' live exchange counts
  await page.getByText('Choice', { exact: true }).first().waitFor({ timeout: 30000 });
  await page.screenshot({ path: `${outDir}/hawtio-route-diagram.png` });
  step(`screenshots: ${outDir}/hawtio-routes.png, ${outDir}/hawtio-route-diagram.png`);

  // logout from the user menu: back on the login page, and the old session cookie no longer works
  const cookie = `JSESSIONID=${session.value}`;
  assert.equal((await post({ Cookie: cookie }, { type: 'version' })).status, 200, 'the session works before logout');
  await page.getByText(user, { exact: true }).first().click();
  await page.getByText('Log out', { exact: true }).first().click();
  await page.waitForURL(/\/hawtio\/login/, { timeout: 30000 });
  assert.equal((await post({ Cookie: cookie }, { type: 'version' })).status, 403, 'the old session cookie after logout');
  step('logout: back on the login page, the old session cookie is refused (403)');
  await operator.close();

  // the viewer sees the routes, but stopping one is refused and the route keeps running
  const viewing = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const viewerPage = await viewing.newPage();
  await logIn(viewerPage, viewer, viewerPassword);
  const table = await routesTable(viewerPage);
  step('viewer logged in: routes table lists the handoff routes');
  await table.locator('tr', { has: viewerPage.getByText('handoff', { exact: true }) }).locator('input[type=checkbox]').first().check();
  const [stop] = await Promise.all([
    viewerPage.waitForResponse((r) => r.url().includes('/hawtio/jolokia') && (r.request().postData() || '').includes('stop()')),
    viewerPage.getByRole('button', { name: 'Stop', exact: true }).click(),
  ]);
  const answers = [].concat(await stop.json());
  assert.ok(answers.every((a) => a.status === 403), `the viewer's stop must be refused: ${JSON.stringify(answers)}`);
  await viewerPage.getByText(/may not run stop/).first().waitFor({ timeout: 10000 }); // the console says why
  await viewerPage.screenshot({ path: `${outDir}/hawtio-viewer-stop-refused.png` });
  const state = await (await post({ Authorization: basic(user, password) }, { type: 'read', mbean: handoffRoute, attribute: 'State' })).json();
  assert.equal(state.value, 'Started', 'the handoff route still runs');
  assert.match(viewerPage.url(), /\/hawtio\/camel/, 'the viewer stays logged in');
  step(`viewer's stop refused (403), the route still runs; screenshot ${outDir}/hawtio-viewer-stop-refused.png`);
  await viewing.close();
} finally {
  await browser.close();
}
step('passed');

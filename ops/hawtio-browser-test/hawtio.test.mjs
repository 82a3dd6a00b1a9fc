// Logs into the Hawtio console of a running cxone-handoff in Debian's headless Chromium, as an operator
// would, and checks what the operator relies on. Usage: node hawtio.test.mjs BASE_URL USER PASSWORD OUT_DIR
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [base, user, password, outDir] = process.argv.slice(2);
const consoleUrl = `${base}/hawtio/`;
const jolokia = `${base}/hawtio/jolokia/`;
const basic = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
const step = (what) => console.log(`[hawtio-test] ${what}`);

// Jolokia (what the console talks to) refuses anonymous and wrong-password requests
const anonymous = await fetch(`${jolokia}version`);
assert.equal(anonymous.status, 403, 'anonymous Jolokia request must be refused');
const wrongBasic = await fetch(`${jolokia}version`, { headers: { Authorization: 'Basic ' + Buffer.from(`${user}:wrong-${password}`).toString('base64') } });
assert.equal(wrongBasic.status, 403, 'wrong password must be refused by Jolokia');
step('Jolokia refuses anonymous and wrong-password requests (403)');

// with the login, the operator's MBeans answer
const read = async (mbean) => {
  const response = await fetch(jolokia, { method: 'POST', headers: { Authorization: basic, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'read', mbean }) });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.status, 200, JSON.stringify(body));
  return Object.values(body.value)[0];
};
const statistics = await read('org.apache.camel:context=cxone-handoff,type=services,name=HandoffStatistics*');
assert.ok(statistics.Transferred >= 1, `handoffs transferred: ${statistics.Transferred}`);
const stream = await read('org.apache.camel:context=cxone-handoff,type=services,name=EventStreamControl*');
assert.equal(stream.EventStreamState, 'Started');
await read('org.apache.camel:context=cxone-handoff,type=services,name=DeadLetterStore*');
step(`HandoffStatistics (transferred ${statistics.Transferred}), EventStreamControl and DeadLetterStore readable`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });

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

  // the right one opens the Camel plugin
  await page.fill('#pf-login-username-id', user);
  await page.fill('#pf-login-password-id', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/hawtio\/camel/, { timeout: 30000 });
  step(`logged in: ${page.url()}`);

  // the routes table, with live counts
  await page.getByText('routes', { exact: true }).first().click();
  await page.waitForURL(/\/hawtio\/camel\/routes/);
  const table = page.locator('table');
  for (const route of ['cxone-event-stream', 'parse-frame', 'queue-event', 'handoff-lanes', 'handoff-decision', 'handoff', 'cxone-call', 'dead-letter']) {
    await table.getByText(route, { exact: true }).first().waitFor({ timeout: 30000 });
  }
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
} finally {
  await browser.close();
}
step('passed');

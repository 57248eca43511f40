// Fills a feedback request page in headless Chromium with the keyboard only, as a person would,
// then runs axe-core on the page and prints what it found, with the answer block, as JSON.
//
// node fill-feedback.cjs PUPPETEER_CORE CHROMIUM PAGE AXE PROFILE
// Scores given: 9, 10, 8, 9; the invitation typed; "may be shown" chosen.
'use strict';
const [puppeteerPath, chromium, pagePath, axePath, profile] = process.argv.slice(2);
const puppeteer = require(puppeteerPath);

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto('file://' + pagePath, { waitUntil: 'load' });
    const before = await axeViolations(page);
    const press = async (key, times) => {
      for (let i = 0; i < (times || 1); i++) await page.keyboard.press(key);
    };
    // Each scale is one stop of the Tab key; the arrow keys choose within it, from 0.
    for (const score of [9, 10, 8, 9]) {
      await press('Tab');
      await press('ArrowRight', score);
    }
    await press('Tab');
    await page.keyboard.type('Leave more silence before the next question.');
    await press('Tab'); // the share question, on its checked "No"
    await press('ArrowLeft'); // "Yes"
    await press('Tab'); // the button
    await press('Enter');
    await page.waitForSelector('#done:not([hidden])');
    const block = await page.$eval('#answer', (e) => e.value);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    const mailto = await page.$eval('#mail', (e) => e.getAttribute('href'));
    const after = await axeViolations(page);
    process.stdout.write(JSON.stringify({ block, focused, mailto, before, after, requests }));
  } finally {
    await browser.close();
  }
})().catch((e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });

async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: axePath });
  }
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — '
      + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; '));
  });
}

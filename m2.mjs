import { chromium } from '@playwright/test';
const [,, path] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:4173' + path);
await page.getByRole('table').first().waitFor();
await page.waitForTimeout(800);
console.log(JSON.stringify(await page.evaluate(() => [...document.querySelectorAll('table thead th')].map(th => [th.textContent, Math.round(th.getBoundingClientRect().width)]))));
await browser.close();

/** Signing in to the admin UI as a staff member would, for the end-to-end tests. */
import type { Browser, Page } from 'playwright-core';

/** Signs in on `page`; done when the header offers 退出登录 (also on the first-password page). */
export async function signInOn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** A page of their own, signed in, that accepts confirmation dialogs. */
export async function signInToAdmin(browser: Browser, url: string, username: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await signInOn(page, url, username, password);
  return page;
}

/** Opens a page of the admin UI from its sidebar (主菜单). */
export async function openAdminPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name }).click();
}

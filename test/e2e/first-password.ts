/** A user an administrator created signs in for the first time: they choose their own password before anything else. */
import type { Page } from 'playwright-core';

export async function chooseOwnPassword(page: Page, given: string, own: string): Promise<void> {
  await page.getByRole('heading', { name: '请设置您自己的密码' }).waitFor();
  await page.locator('input[name=currentPassword]').fill(given);
  await page.locator('input[name=newPassword]').fill(own);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}

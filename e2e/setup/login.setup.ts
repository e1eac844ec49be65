import { expect, test as setup } from '@playwright/test';
import { E2E_PASSWORD, STORAGE_STATE } from '../support/credentials';

// Logs in through the real login page once; projects api, ui, nodocker and
// security start from this session (plus the API token on their requests).
setup('sign in as the admin', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Admin password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.context().storageState({ path: STORAGE_STATE });
});

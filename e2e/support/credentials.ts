/** Fixed credentials of the e2e servers (playwright.config.ts passes them in). Test values only. */
export const E2E_PASSWORD = 'e2e-admin-password-not-secret';
export const E2E_API_TOKEN = 'e2e-api-token-0123456789abcdef0123456789abcdef';
/** Session of the admin, saved by e2e/setup/login.setup.ts through the real login page. */
export const STORAGE_STATE = 'playwright/.auth/admin.json';

// The app's API client instance, wired to the current language and to the sign-in redirect.
import { createApiClient } from './client.js'
import { currentLocale, t } from '../i18n/index.js'

let unauthorizedHandler = () => {}

// main.js installs the handler once the router and the session store exist.
export function setUnauthorizedHandler(fn) {
  unauthorizedHandler = fn
}

export const api = createApiClient({
  getLocale: () => currentLocale(),
  translate: (key, params) => t(key, params),
  onUnauthorized: (error) => unauthorizedHandler(error),
})

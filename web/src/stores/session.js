// The signed-in user (from /api/v1/auth/me) and what follows from the role: home page, menu.
import { defineStore } from 'pinia'
import { api } from '../api/index.js'
import { auth } from '../api/endpoints.js'

// A hint (not a secret: the session cookie is HttpOnly) so that a visitor who never signed in
// is not greeted by a 401 from /auth/me.
const HINT_KEY = 'zhitong.signedIn'

function hint(value) {
  try {
    if (value === undefined) return globalThis.localStorage?.getItem(HINT_KEY) === '1'
    if (value) globalThis.localStorage?.setItem(HINT_KEY, '1')
    else globalThis.localStorage?.removeItem(HINT_KEY)
  } catch {
    /* storage disabled */
  }
  return value
}

// Menu entries per role, in order; the first one is the role's home.
export const MENUS = {
  enterprise: ['myRequests', 'newRequest', 'myContacts'],
  public: ['myRequests', 'newRequest'],
  handler: ['queue', 'contactLog'],
  dispatcher: ['queue', 'coverage'],
  liaison: ['myEnterprises', 'coverageGaps', 'contactLog', 'queue'],
  leader: ['cockpit', 'coverage', 'contactRules', 'contactLog', 'queue'],
  admin: ['users', 'enterprises', 'officials', 'regions', 'import', 'liaisonPlan', 'categories', 'calendar', 'coverage', 'contactRules', 'queue', 'cockpit'],
}

export const useSessionStore = defineStore('session', {
  state: () => ({ user: null, loaded: false }),
  getters: {
    signedIn: (s) => s.user !== null,
    role: (s) => s.user?.role ?? null,
    menu: (s) => MENUS[s.user?.role] ?? [],
    homeRoute() {
      return this.menu[0] ?? 'signin'
    },
  },
  actions: {
    setUser(me) {
      this.user = me
      this.loaded = true
      if (me?.csrf_token) api.setCsrfToken(me.csrf_token)
      hint(Boolean(me))
    },
    clear() {
      this.user = null
      this.loaded = true
      api.setCsrfToken(null)
      hint(false)
    },
    // Loads the user once per page load; a 401 means nobody is signed in.
    async load({ force = false } = {}) {
      if (this.loaded && !force) return this.user
      if (!force && !hint()) {
        this.clear()
        return null
      }
      try {
        this.setUser(await auth.me())
      } catch (error) {
        if (error.status === 401) this.clear()
        else throw error
      }
      return this.user
    },
    async signIn(login, password) {
      const result = await auth.login(login, password)
      api.setCsrfToken(result.csrf_token)
      hint(true)
      // /auth/me carries what the login answer does not (role_zh, region, scopes).
      const me = await auth.me()
      this.setUser({ csrf_token: result.csrf_token, ...me })
      return this.user
    },
    async signOut() {
      try {
        await auth.logout()
      } finally {
        this.clear()
      }
    },
  },
})

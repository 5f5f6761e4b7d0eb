// Routes of the web app. Each page says which roles may open it; the guard loads the user once
// and sends everyone else to sign in or to their own home page.
import { createRouter, createWebHistory } from 'vue-router'
import SignIn from '../views/SignIn.vue'
import AppLayout from '../layouts/AppLayout.vue'
import { useSessionStore } from '../stores/session.js'
import { CONTACT_LOGGERS } from '../utils/contacts.js'

const SUBMITTERS = ['enterprise', 'public']
const STAFF = ['handler', 'dispatcher', 'liaison', 'leader', 'admin']

export const routes = [
  { path: '/signin', name: 'signin', component: SignIn, meta: { public: true } },
  // 双随机、一公开: the published inspection plans, for everyone.
  {
    path: '/inspections',
    name: 'publicInspections',
    component: () => import('../views/PublicInspections.vue'),
    meta: { public: true },
  },
  {
    path: '/inspections/:id',
    name: 'publicInspection',
    component: () => import('../views/PublicInspections.vue'),
    props: true,
    meta: { public: true },
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: { render: () => null } },
      {
        path: 'my/requests',
        name: 'myRequests',
        component: () => import('../views/enterprise/MyRequests.vue'),
        meta: { roles: SUBMITTERS },
      },
      {
        path: 'my/requests/new',
        name: 'newRequest',
        component: () => import('../views/enterprise/NewRequest.vue'),
        meta: { roles: SUBMITTERS },
      },
      {
        path: 'queue',
        name: 'queue',
        component: () => import('../views/handler/Queue.vue'),
        meta: { roles: STAFF },
      },
      {
        path: 'requests/:id',
        name: 'request',
        component: () => import('../views/requests/RequestDetail.vue'),
        props: true,
      },
      {
        path: 'cockpit',
        name: 'cockpit',
        component: () => import('../views/leader/Cockpit.vue'),
        meta: { roles: ['leader', 'admin'] },
      },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('../views/admin/Users.vue'),
        meta: { roles: ['admin'] },
      },
      ...[
        ['enterprises', () => import('../views/admin/Enterprises.vue')],
        ['officials', () => import('../views/admin/Officials.vue')],
        ['regions', () => import('../views/admin/Regions.vue')],
        ['import', () => import('../views/admin/Import.vue')],
        ['liaisonPlan', () => import('../views/admin/LiaisonPlan.vue')],
        ['categories', () => import('../views/admin/Categories.vue')],
        ['calendar', () => import('../views/admin/Calendar.vue')],
      ].map(([name, component]) => ({ path: `admin/${name}`, name, component, meta: { roles: ['admin'] } })),
      {
        path: 'coverage',
        name: 'coverage',
        component: () => import('../views/admin/Coverage.vue'),
        meta: { roles: ['admin', 'leader', 'dispatcher'] },
      },
      { path: 'inbox', name: 'inbox', component: () => import('../views/Inbox.vue') },
      {
        path: 'my/enterprises',
        name: 'myEnterprises',
        component: () => import('../views/liaison/MyEnterprises.vue'),
        meta: { roles: ['liaison'] },
      },
      {
        path: 'my/gaps',
        name: 'coverageGaps',
        component: () => import('../views/liaison/Gaps.vue'),
        meta: { roles: ['liaison'] },
      },
      {
        path: 'my/contacts',
        name: 'myContacts',
        component: () => import('../views/enterprise/Contacts.vue'),
        meta: { roles: ['enterprise'] },
      },
      {
        path: 'contacts',
        name: 'contactLog',
        component: () => import('../views/contacts/Register.vue'),
        meta: { roles: CONTACT_LOGGERS },
      },
      {
        path: 'contact-rules',
        name: 'contactRules',
        component: () => import('../views/admin/ContactRules.vue'),
        meta: { roles: ['admin', 'leader'] },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'notFound',
        component: () => import('../views/NotFound.vue'),
      },
    ],
  },
]

export function installGuards(router, pinia) {
  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia)
    try {
      await session.load()
    } catch {
      // The server is unreachable or failing: the page itself will show the error.
    }
    if (to.meta.public) {
      return session.signedIn && to.name === 'signin' ? { name: session.homeRoute } : true
    }
    if (!session.signedIn) {
      return { name: 'signin', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    }
    if (to.name === 'home') return { name: session.homeRoute }
    if (to.meta.roles && !to.meta.roles.includes(session.role)) return { name: session.homeRoute }
    return true
  })
}

export function createAppRouter(pinia, history = createWebHistory()) {
  const router = createRouter({ history, routes })
  installGuards(router, pinia)
  return router
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n, setLocale } from '../../src/i18n/index.js'
import { api } from '../../src/api/index.js'
import { MENUS } from '../../src/stores/session.js'
import ContactLogDialog from '../../src/components/ContactLogDialog.vue'
import {
  contactBody,
  contactWho,
  latestByEnterprise,
  missingContactFields,
  ruleViolations,
  shanghaiWallTime,
  toRfc3339,
} from '../../src/utils/contacts.js'
import { errorBody, mountApp, response, routedFetch } from './helpers.js'

beforeEach(() => {
  localStorage.clear()
  setLocale('zh-CN')
  api.setCsrfToken(null)
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('contact times', () => {
  it('are Shanghai wall-clock times, whatever the browser zone', () => {
    expect(shanghaiWallTime(new Date('2025-03-04T01:30:00Z'))).toBe('2025-03-04 09:30')
    expect(shanghaiWallTime(new Date('2025-03-04T20:15:00Z'))).toBe('2025-03-05 04:15')
    expect(toRfc3339('2025-03-04 09:30')).toBe('2025-03-04T09:30:00+08:00')
    expect(toRfc3339('2025-03-04T09:30:15')).toBe('2025-03-04T09:30:15+08:00')
    expect(toRfc3339('yesterday')).toBe('')
    expect(toRfc3339(null)).toBe('')
  })
})

describe('the contact form', () => {
  const filled = { enterprise_id: 7, kind: 'visit', started_at: '2025-03-04 09:30', purpose: ' 了解用地需求 ', department_ids: [] }

  it('requires the enterprise, the time and the purpose; an inspection also its legal basis and departments', () => {
    expect(missingContactFields(filled)).toEqual([])
    expect(missingContactFields({ ...filled, purpose: '  ', started_at: '' })).toEqual(['started_at', 'purpose'])
    expect(missingContactFields({ ...filled, kind: 'inspection' })).toEqual(['legal_basis', 'department_ids'])
    expect(missingContactFields({ ...filled, kind: 'inspection', legal_basis: '安全生产法', department_ids: [3] })).toEqual([])
  })

  it('sends departments and the legal basis for an inspection only, and a justification only when written', () => {
    expect(contactBody({ ...filled, duration_minutes: 45, outcome: '', legal_basis: 'x', department_ids: [3] })).toEqual({
      enterprise_id: 7,
      kind: 'visit',
      purpose: '了解用地需求',
      started_at: '2025-03-04T09:30:00+08:00',
      duration_minutes: 45,
    })
    expect(
      contactBody({ ...filled, kind: 'inspection', legal_basis: ' 安全生产法 ', department_ids: ['3', 4], justification: '确需' }),
    ).toMatchObject({ kind: 'inspection', legal_basis: '安全生产法', department_ids: [3, 4], justification: '确需' })
    expect(contactBody({ ...filled, request_id: '12' }).request_id).toBe(12)
    expect(contactBody({ ...filled, request_id: null })).not.toHaveProperty('request_id')
  })

  it('reads the broken rules of a refusal in the reader\'s language, and nothing from other errors', () => {
    const refusal = {
      code: 'contact.rule_violation',
      data: { error: { violations: [{ rule: 'quiet_period', message: 'quiet period: …', message_zh: '宁静期：…' }] } },
    }
    expect(ruleViolations(refusal, 'zh-CN')).toEqual([{ rule: 'quiet_period', message: '宁静期：…' }])
    expect(ruleViolations(refusal, 'en')).toEqual([{ rule: 'quiet_period', message: 'quiet period: …' }])
    expect(ruleViolations({ code: 'contact.not_allowed' }, 'zh-CN')).toEqual([])
  })
})

describe('contact lists', () => {
  it('find the latest contact with each enterprise, in any order', () => {
    const items = [
      { id: 1, enterprise_id: 5, started_at: '2025-03-01T09:00:00+08:00' },
      { id: 2, enterprise_id: 5, started_at: '2025-03-03T09:00:00+08:00' },
      { id: 3, enterprise_id: 6, started_at: '2025-02-01T09:00:00+08:00' },
    ]
    const latest = latestByEnterprise(items)
    expect(latest.get(5).id).toBe(2)
    expect(latest.get(6).id).toBe(3)
    expect(latest.has(7)).toBe(false)
  })

  it('say who made a contact: the official and the departments', () => {
    expect(contactWho({ official_name: '李明', department_names: ['市场监管局', '应急局'] })).toBe('李明 · 市场监管局、应急局')
    expect(contactWho({ official_name: null, department_names: ['应急局'] })).toBe('应急局')
  })
})

describe('the contact screens in the menu', () => {
  it('are the enterprise\'s own, and the register of those who contact enterprises', () => {
    expect(MENUS.enterprise).toContain('myContacts')
    for (const [role, menu] of Object.entries(MENUS)) {
      if (role !== 'enterprise') expect(menu, role).not.toContain('myContacts')
      // The administrator logs contacts from a request; dispatchers, enterprises and the public never.
      expect(menu.includes('contactLog'), role).toBe(['liaison', 'handler', 'leader'].includes(role))
    }
  })
})

describe('a handler logging a contact from a request', () => {
  it('opens the shared dialog on the request\'s enterprise and request, and goes through the justification', async () => {
    localStorage.setItem('zhitong.signedIn', '1')
    const request = {
      id: 41,
      title: '厂区停电',
      status: 'signed',
      status_zh: '已签收',
      enterprise_id: 7,
      enterprise_name: '淄博丰林信息科技有限公司',
      kind: 'problem',
      allowed_actions: ['reply'],
    }
    const posted = []
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, { user_id: 5, login: 'handler', display_name: '王科长', role: 'handler', department_id: 3, csrf_token: 'c' })],
      ['GET /api/v1/requests/41', () => response(200, request)],
      ['GET /api/v1/requests/41/events', () => response(200, { items: [] })],
      ['GET /api/v1/requests/41/attachments', () => response(200, { items: [] })],
      ['GET /api/v1/departments', () => response(200, { items: [] })],
      ['GET /api/v1/categories', () => response(200, { items: [] })],
      ['GET /api/v1/inbox/unread_count', () => response(200, { unread: 0 })],
      ['GET /api/v1/quiet-periods', () => response(200, { items: [] })],
      ['GET /api/v1/requests', () => response(200, { items: [request], total: 1, limit: 50, offset: 0 })],
      [
        'POST /api/v1/contacts',
        (path, init) => {
          const body = JSON.parse(init.body)
          posted.push(body)
          if (!body.justification) {
            const refusal = errorBody('contact.rule_violation', 'breaks the rules', '该联系违反“无事不扰”规定')
            refusal.error.violations = [{ rule: 'quiet_period', message: 'quiet', message_zh: '企业宁静期内' }]
            return response(422, refusal)
          }
          return response(201, { id: 12, ...body, department_id: 3, flagged: true })
        },
      ],
    ])
    const { wrapper } = await mountApp('/requests/41', fetchImpl)
    const button = document.querySelector('[data-testid="log-contact"]')
    expect(button.textContent).toContain('登记联系')
    button.click()
    await flushPromises()
    const dialog = document.querySelector('[data-testid="contact-dialog"]')
    expect(dialog.querySelector('[data-testid="contact-enterprise"]').textContent).toContain('淄博丰林信息科技有限公司')
    const purpose = dialog.querySelector('textarea[data-testid="contact-purpose"]')
    purpose.value = '现场查看停电线路'
    purpose.dispatchEvent(new Event('input'))
    const submit = () => document.querySelector('[data-testid="contact-submit"]')
    submit().click()
    await flushPromises()
    expect(posted).toHaveLength(1)
    expect(posted[0]).toMatchObject({ enterprise_id: 7, request_id: 41, kind: 'visit', purpose: '现场查看停电线路' })
    // The same refusal, the same justification as the liaison's.
    expect(dialog.querySelector('[data-testid="contact-violations"]').textContent).toContain('企业宁静期内')
    const justification = dialog.querySelector('textarea[data-testid="contact-justification"]')
    justification.value = '停电影响生产，须当天查看'
    justification.dispatchEvent(new Event('input'))
    submit().click()
    await flushPromises()
    expect(posted).toHaveLength(2)
    expect(posted[1]).toMatchObject({ enterprise_id: 7, request_id: 41, justification: '停电影响生产，须当天查看' })
    wrapper.unmount()
  })
})

describe('logging a contact that breaks a rule', () => {
  it('lists the broken rules, asks for a justification, and sends it with the contact', async () => {
    const violation = { rule: 'quiet_period', message: 'quiet period 2025-03-01…2025-03-10', message_zh: '企业宁静期 2025-03-01 至 2025-03-10' }
    const posted = []
    const fetchImpl = routedFetch([
      ['GET /api/v1/quiet-periods', () => response(200, { items: [] })],
      ['GET /api/v1/requests', () => response(200, { items: [], total: 0, limit: 50, offset: 0 })],
      [
        'POST /api/v1/contacts',
        (path, init) => {
          const body = JSON.parse(init.body)
          posted.push(body)
          if (!body.justification) {
            const refusal = errorBody('contact.rule_violation', 'breaks the rules', '该联系违反“无事不扰”规定')
            refusal.error.violations = [violation]
            return response(422, refusal)
          }
          return response(201, { id: 9, ...body, flagged: true })
        },
      ],
    ])
    vi.stubGlobal('fetch', fetchImpl)
    const wrapper = mount(ContactLogDialog, {
      props: { modelValue: true, enterprises: [{ id: 7, name: '淄博丰林信息科技有限公司' }], enterpriseId: 7 },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    await flushPromises()
    const dialog = () => document.querySelector('[data-testid="contact-dialog"]')
    const submit = () => document.querySelector('[data-testid="contact-submit"]')
    const purpose = document.querySelector('textarea[data-testid="contact-purpose"]')
    purpose.value = '回访补贴申报'
    purpose.dispatchEvent(new Event('input'))
    submit().click()
    await flushPromises()
    expect(posted).toHaveLength(1)
    expect(posted[0]).toMatchObject({ enterprise_id: 7, kind: 'visit', purpose: '回访补贴申报' })
    expect(dialog().querySelector('[data-testid="contact-error"]').textContent).toContain('该联系违反“无事不扰”规定')
    const rules = [...dialog().querySelectorAll('[data-testid="contact-violations"] li')]
    expect(rules.map((li) => [li.dataset.rule, li.textContent.trim()])).toEqual([['quiet_period', violation.message_zh]])
    expect(submit().textContent).toContain('附理由登记')

    // Without a justification nothing more is sent.
    submit().click()
    await flushPromises()
    expect(posted).toHaveLength(1)
    const justification = document.querySelector('textarea[data-testid="contact-justification"]')
    justification.value = '补贴申报明天截止'
    justification.dispatchEvent(new Event('input'))
    submit().click()
    await flushPromises()
    expect(posted).toHaveLength(2)
    expect(posted[1].justification).toBe('补贴申报明天截止')
    expect(wrapper.emitted('done')[0][0]).toMatchObject({ id: 9, flagged: true })
    expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([false])
    wrapper.unmount()
  })
})

describe('the published inspection plans', () => {
  it('open without signing in, and the app asks nobody who they are', async () => {
    const plan = { id: 3, title: '安全生产双随机抽查', department_names: ['应急局'], starts_on: '2025-03-01', ends_on: '2025-03-31', target_count: 2, pool_size: 40, published_at: '2025-02-20T10:00:00+08:00' }
    const fetchImpl = routedFetch([['GET /api/v1/public/inspection-plans', () => response(200, { items: [plan] })]])
    const { wrapper, router } = await mountApp('/inspections', fetchImpl)
    expect(router.currentRoute.value.name).toBe('publicInspections')
    expect(wrapper.find('[data-testid="public-plans"]').text()).toContain('安全生产双随机抽查')
    expect(wrapper.text()).toContain('从 40 家中抽取 2 家')
    expect(fetchImpl.mock.calls.map(([url]) => String(url))).toEqual(['/api/v1/public/inspection-plans'])
    wrapper.unmount()
  })
})

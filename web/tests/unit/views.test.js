import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { setLocale } from '../../src/i18n/index.js'
import { api } from '../../src/api/index.js'
import { errorBody, mountApp, response, routedFetch } from './helpers.js'

const ME = {
  user_id: 1,
  login: 'leader1',
  display_name: '张市长',
  role: 'leader',
  role_zh: '领导',
  csrf_token: 'csrf-abc',
}

beforeEach(() => {
  localStorage.clear()
  setLocale('zh-CN')
  api.setCsrfToken(null)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('sign in', () => {
  it('shows the wait in seconds when throttled, counts it down and keeps the button disabled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const fetchImpl = routedFetch([
      ['POST /api/v1/auth/login', () => response(429, errorBody('access.throttled', 'too many', '尝试过多'), { 'Retry-After': '30' })],
    ])
    const { wrapper } = await mountApp('/signin', fetchImpl)
    await wrapper.find('input[name=login]').setValue('qiye1')
    await wrapper.find('input[name=password]').setValue('wrong')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(50)
    await flushPromises()
    expect(wrapper.find('[data-testid="signin-error"]').text()).toContain('请 30 秒后再试')
    expect(wrapper.find('[data-testid="signin-submit"]').attributes('disabled')).toBeDefined()
    await vi.advanceTimersByTimeAsync(5000)
    expect(wrapper.find('[data-testid="signin-error"]').text()).toContain('请 25 秒后再试')
    wrapper.unmount()
  })

  it('shows the server message for wrong credentials and does not leave the page', async () => {
    const fetchImpl = routedFetch([
      ['POST /api/v1/auth/login', () => response(401, errorBody('access.bad_credentials', 'wrong login or password', '用户名或密码错误'))],
    ])
    const { wrapper, router } = await mountApp('/signin', fetchImpl)
    await wrapper.find('input[name=login]').setValue('qiye1')
    await wrapper.find('input[name=password]').setValue('wrong')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="signin-error"]').text()).toContain('用户名或密码错误')
    expect(router.currentRoute.value.name).toBe('signin')
    wrapper.unmount()
  })

  it('signs in, keeps the CSRF token for writes and goes to the role home', async () => {
    const fetchImpl = routedFetch([
      ['POST /api/v1/auth/login', () => response(200, { user: { id: 1, role: 'leader' }, csrf_token: 'csrf-abc' })],
      ['GET /api/v1/auth/me', () => response(200, ME)],
      ['GET /api/v1/*', () => response(404, errorBody('http.not_found', 'not found', '未找到'))],
    ])
    const { wrapper, router } = await mountApp('/signin', fetchImpl)
    await wrapper.find('input[name=login]').setValue('leader1')
    await wrapper.find('input[name=password]').setValue('right')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('cockpit'), { timeout: 10000 })
    await flushPromises()
    expect(api.csrfToken).toBe('csrf-abc')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="current-user"]').text()).toContain('张市长'), { timeout: 5000 })
    wrapper.unmount()
  })
})

describe('routing by role', () => {
  it('sends a visitor who is not signed in to sign in, remembering where they were going', async () => {
    const { router, wrapper } = await mountApp('/queue', routedFetch([]))
    expect(router.currentRoute.value.name).toBe('signin')
    expect(router.currentRoute.value.query.redirect).toBe('/queue')
    wrapper.unmount()
  })

  it('shows each role only its own menu and keeps it out of other homes', async () => {
    localStorage.setItem('zhitong.signedIn', '1')
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, { ...ME, role: 'enterprise', role_zh: '企业', display_name: '鲁中化工' })],
      ['GET /api/v1/requests', () => response(200, { items: [], total: 0, limit: 20, offset: 0 })],
    ])
    const { router, wrapper } = await mountApp('/admin/users', fetchImpl)
    expect(router.currentRoute.value.name).toBe('myRequests')
    const menu = wrapper.find('[data-testid="side-menu"]').text()
    expect(menu).toContain('我的诉求')
    expect(menu).toContain('提交诉求')
    expect(menu).not.toContain('用户管理')
    wrapper.unmount()
  })

  it('goes to sign in when the session ends (401 on a later call)', async () => {
    localStorage.setItem('zhitong.signedIn', '1')
    const { setUnauthorizedHandler } = await import('../../src/api/index.js')
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, { ...ME, role: 'admin' })],
      ['GET /api/v1/users', () => response(401, errorBody('access.unauthenticated', 'sign in', '请登录'))],
    ])
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    const { wrapper } = await mountApp('/admin/users', fetchImpl)
    expect(handler).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })
})

describe('leader cockpit', () => {
  beforeEach(() => localStorage.setItem('zhitong.signedIn', '1'))

  it('shows "no data yet" in the panels whose API answers 404', async () => {
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, ME)],
      ['GET /api/v1/requests', () => response(200, { items: [], total: 0, limit: 10, offset: 0 })],
    ])
    const { wrapper } = await mountApp('/cockpit', fetchImpl)
    for (const panel of ['panel-rates-department', 'panel-rates-region', 'panel-hot', 'panel-ranking']) {
      expect(wrapper.find(`[data-testid="${panel}"] [data-testid="api-empty"]`).text(), panel).toContain('暂无数据')
    }
    expect(wrapper.find('[data-testid="kpi-response_rate"]').text()).toContain('暂无数据')
    // The overdue list exists and is empty: its own message, not "no data yet".
    expect(wrapper.find('[data-testid="panel-overdue"]').text()).toContain('没有超期诉求')
    expect(wrapper.find('[data-testid="kpi-overdue"]').text()).toContain('0')
    wrapper.unmount()
  })

  it('draws the three rates from the API when it answers', async () => {
    const rates = {
      items: [
        { id: 3, name: '工信局', name_en: 'Industry Bureau', response_rate: 0.98, resolution_rate: 0.9, satisfaction_rate: 0.8, composite: 0.9 },
        { id: 4, name: '人社局', name_en: 'HR Bureau', response_rate: 1, resolution_rate: 0.7, satisfaction_rate: 0.6, composite: 0.77 },
      ],
    }
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, ME)],
      ['GET /api/v1/results/rates', () => response(200, rates)],
      ['GET /api/v1/requests', () => response(200, { items: [], total: 2, limit: 10, offset: 0 })],
    ])
    const { wrapper } = await mountApp('/cockpit', fetchImpl)
    const chart = wrapper.find('[data-testid="panel-rates-department"] .vchart-stub')
    expect(JSON.parse(chart.attributes('data-series'))).toEqual(['响应率', '解决率', '满意率'])
    expect(wrapper.find('[data-testid="kpi-response_rate"]').text()).toContain('99.0%')
    expect(wrapper.find('[data-testid="panel-ranking"]').text()).toMatch(/工信局[\s\S]*人社局/)
    const asked = fetchImpl.mock.calls.map(([url]) => url).filter((u) => u.startsWith('/api/v1/results/rates'))
    expect(asked.some((u) => u.includes('group=department'))).toBe(true)
    expect(asked.some((u) => u.includes('group=region'))).toBe(true)
    wrapper.unmount()
  })

  it('draws the month-by-month trend and asks for the twelve months up to the period shown', async () => {
    const trends = {
      group: 'city',
      items: [
        { period: '2025-02', response_rate: 0.9, resolution_rate: null, satisfaction_rate: 0.5 },
        { period: '2025-03', response_rate: 1, resolution_rate: 1, satisfaction_rate: 0 },
      ],
    }
    const hot = { items: [{ title: '厂区停电', count: 3, category_code: 'power' }] }
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, ME)],
      ['GET /api/v1/results/trends', () => response(200, trends)],
      ['GET /api/v1/results/hot-issues', () => response(200, hot)],
      ['GET /api/v1/requests', () => response(200, { items: [], total: 0, limit: 10, offset: 0 })],
    ])
    const { wrapper } = await mountApp('/cockpit', fetchImpl)
    const chart = wrapper.find('[data-testid="panel-trends"] .vchart-stub')
    expect(JSON.parse(chart.attributes('data-series'))).toEqual(['响应率', '解决率', '满意率'])
    const asked = fetchImpl.mock.calls.map(([url]) => url).find((u) => u.startsWith('/api/v1/results/trends'))
    expect(asked).toMatch(/months=12/)
    expect(asked).toMatch(/to=\d{4}-\d{2}/)
    // A hot issue leads to its category's requests.
    const link = wrapper.find('[data-testid="panel-hot"] a')
    expect(link.text()).toBe('厂区停电')
    expect(link.attributes('href')).toBe('/queue?category_code=power')
    wrapper.unmount()
  })
})

describe('handler queue', () => {
  const ITEM = { id: 7, title: '供电线路老化', status: 'routed', status_zh: '已派单', sla: 'on_time', remaining_seconds: 3600, version: 3 }
  it('says when a search matched more requests than its total counts, and not otherwise', async () => {
    localStorage.setItem('zhitong.signedIn', '1')
    let capped = false
    const fetchImpl = routedFetch([
      ['GET /api/v1/auth/me', () => response(200, { ...ME, role: 'dispatcher', role_zh: '派单员' })],
      ['GET /api/v1/requests/categories', () => response(200, { items: [] })],
      ['GET /api/v1/departments', () => response(200, { items: [] })],
      ['GET /api/v1/requests', () => response(200, { items: [ITEM], total: capped ? 1000 : 3, total_capped: capped, limit: 20, offset: 0 })],
    ])
    const { wrapper } = await mountApp('/queue', fetchImpl)
    expect(wrapper.text()).toContain('供电线路老化')
    expect(wrapper.text()).not.toContain('超过')
    capped = true
    const box = wrapper.find('input[placeholder="搜索标题或内容"]')
    await box.setValue('电')
    await box.trigger('keyup', { key: 'Enter' })
    await flushPromises()
    expect(wrapper.text()).toContain('匹配的诉求超过 1000 条，只能翻阅前 1000 条')
    wrapper.unmount()
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { ElEmpty } from 'element-plus'
import zhCN from '../../src/locales/zh-CN.json'
import en from '../../src/locales/en.json'
import App from '../../src/App.vue'
import LanguageSwitch from '../../src/components/LanguageSwitch.vue'
import { LOCALE_STORAGE_KEY, createAppI18n, i18n, setLocale, storedLocale } from '../../src/i18n/index.js'
import { codeLabel, roleLabel, statusLabel } from '../../src/utils/labels.js'

function keys(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

beforeEach(() => {
  localStorage.clear()
  setLocale('zh-CN')
  localStorage.clear()
})
afterEach(() => setLocale('zh-CN'))

describe('the language', () => {
  it('is Chinese when nothing was chosen', () => {
    expect(storedLocale()).toBe('zh-CN')
    const fresh = createAppI18n()
    expect(fresh.global.locale.value).toBe('zh-CN')
    expect(fresh.global.t('app.name')).toBe('直通')
    expect(fresh.global.t('signin.submit')).toBe('登录')
  })

  it('switches to English and is remembered for the next page load', () => {
    setLocale('en')
    expect(i18n.global.t('signin.submit')).toBe('Sign in')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    // A reload creates a new i18n instance from storage.
    const reloaded = createAppI18n()
    expect(reloaded.global.locale.value).toBe('en')
    expect(reloaded.global.t('nav.signOut')).toBe('Sign out')
  })

  it('switches back to Chinese', () => {
    setLocale('en')
    setLocale('zh-CN')
    expect(i18n.global.t('nav.signOut')).toBe('退出')
    expect(createAppI18n().global.locale.value).toBe('zh-CN')
  })

  it('ignores an unknown stored or requested locale', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(storedLocale()).toBe('zh-CN')
    expect(setLocale('fr')).toBe('zh-CN')
    expect(i18n.global.locale.value).toBe('zh-CN')
  })

  it('files have the same keys in Chinese and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
    for (const key of keys(zhCN)) {
      const get = (o) => key.split('.').reduce((a, k) => a[k], o)
      expect(get(zhCN), key).not.toBe('')
      expect(get(en), key).not.toBe('')
    }
  })
})

describe('the language switch', () => {
  it('toggles the app language and remembers it', async () => {
    const wrapper = mount(LanguageSwitch, { global: { plugins: [i18n] } })
    expect(wrapper.text()).toBe('English')
    await wrapper.find('[data-testid="lang-switch"]').trigger('click')
    expect(i18n.global.locale.value).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(wrapper.text()).toBe('中文')
    await wrapper.find('[data-testid="lang-switch"]').trigger('click')
    expect(i18n.global.locale.value).toBe('zh-CN')
  })

  it('switches Element Plus components too', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', component: defineComponent({ render: () => h(ElEmpty) }) }],
    })
    router.push('/')
    await router.isReady()
    const wrapper = mount(App, { global: { plugins: [i18n, router] } })
    await nextTick()
    expect(wrapper.find('.el-empty__description').text()).toBe('暂无数据')
    setLocale('en')
    await nextTick()
    expect(wrapper.find('.el-empty__description').text()).toBe('No Data')
    expect(document.title).toBe('Zhitong · government–enterprise direct line')
  })
})

describe('names from the API', () => {
  it('use the _zh field in Chinese and the locale file in English', () => {
    const user = { role: 'handler', role_zh: '承办人员' }
    expect(roleLabel(user, 'zh-CN')).toBe('承办人员')
    expect(roleLabel(user, 'en')).toBe('Handler')
    expect(statusLabel({ status: 'waiting_requester', status_zh: '待补正' }, 'en')).toBe('Waiting for requester')
  })

  it('fall back to the locale file, then to the code itself', () => {
    expect(statusLabel({ status: 'in_progress' }, 'zh-CN')).toBe('办理中')
    expect(codeLabel('status', 'brand_new_state', 'en')).toBe('brand_new_state')
    expect(codeLabel('status', 'brand_new_state', 'zh-CN', '新状态')).toBe('新状态')
  })
})

// Every key the code names literally — t('a.b'), $t('a.b'), te('a.b') — is in both locale files,
// so no screen shows a raw key. (Keys built at run time, t(`nav.${name}`), are checked where
// their lists are: roles, statuses, actions… in 'names from the API'.)
describe('the keys the code uses', () => {
  const sources = import.meta.glob('../../src/**/*.{vue,js}', { query: '?raw', import: 'default', eager: true })
  const has = (messages, key) => key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), messages) !== undefined

  it('are found in the sources (the scan itself works)', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20)
  })

  it('all exist in Chinese and in English', () => {
    const missing = []
    const seen = new Set()
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/(?<![\w.])\$?t[e]?\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) {
        const key = m[1]
        seen.add(key)
        if (!has(zhCN, key)) missing.push(`zh-CN ${key} (${file})`)
        if (!has(en, key)) missing.push(`en ${key} (${file})`)
      }
    }
    expect(seen.size).toBeGreaterThan(100)
    expect(missing).toEqual([])
  })
})

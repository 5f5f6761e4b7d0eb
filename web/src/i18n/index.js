// Languages of the web app: Chinese by default, English by a switch that is remembered in
// localStorage. Every visible string goes through vue-i18n; Element Plus follows the same locale
// (see App.vue).
import { createI18n } from 'vue-i18n'
import zhCN from '../locales/zh-CN.json'
import en from '../locales/en.json'

export const LOCALE_STORAGE_KEY = 'zhitong.locale'
export const SUPPORTED_LOCALES = ['zh-CN', 'en']
export const DEFAULT_LOCALE = 'zh-CN'

function storage() {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null // storage can be disabled (privacy settings): fall back to the default
  }
}

// The remembered locale, or Chinese.
export function storedLocale() {
  const value = storage()?.getItem(LOCALE_STORAGE_KEY)
  return SUPPORTED_LOCALES.includes(value) ? value : DEFAULT_LOCALE
}

export function createAppI18n(locale = storedLocale()) {
  return createI18n({
    legacy: false,
    globalInjection: true,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = createAppI18n()

export function currentLocale(instance = i18n) {
  return instance.global.locale.value
}

// Switches the language everywhere and remembers the choice; unknown locales are ignored.
export function setLocale(locale, instance = i18n) {
  if (!SUPPORTED_LOCALES.includes(locale)) return currentLocale(instance)
  instance.global.locale.value = locale
  storage()?.setItem(LOCALE_STORAGE_KEY, locale)
  if (globalThis.document) document.documentElement.lang = locale
  return locale
}

export function t(key, params) {
  return i18n.global.t(key, params ?? {})
}

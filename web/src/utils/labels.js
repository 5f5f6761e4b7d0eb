// Names of roles, statuses, actions and the like, in the current language: the API's `*_zh`
// field for Chinese when it is there, otherwise the locale files, otherwise the code itself.
import { i18n } from '../i18n/index.js'

function translated(key, locale, fallback) {
  const { t, te } = i18n.global
  return te(key, locale) ? t(key, {}, { locale }) : fallback
}

export function codeLabel(prefix, code, locale = i18n.global.locale.value, zh = null) {
  if (code == null || code === '') return ''
  if (String(locale).startsWith('zh') && zh) return zh
  return translated(`${prefix}.${code}`, locale, zh && String(locale).startsWith('zh') ? zh : String(code))
}

export const roleLabel = (user, locale) => codeLabel('roles', user?.role, locale, user?.role_zh)
export const statusLabel = (request, locale) => codeLabel('status', request?.status, locale, request?.status_zh)
export const actionLabel = (action, locale, zh = null) => codeLabel('actions', action, locale, zh)
export const kindLabel = (kind, locale) => codeLabel('kinds', kind, locale)
export const ratingLabel = (level, locale) => codeLabel('ratings', level, locale)
export const slaLabel = (sla, locale) => codeLabel('sla', sla, locale)
export const channelLabel = (channel, locale) => codeLabel('channels', channel, locale)
export const priorityLabel = (priority, locale) => codeLabel('priorities', priority, locale)

// A directory entry's name (department, category, region) in the current language.
export function nameOf(entry, locale = i18n.global.locale.value) {
  if (!entry) return ''
  if (String(locale).startsWith('zh')) return entry.name || entry.name_en || entry.code || ''
  return entry.name_en || entry.name || entry.code || ''
}

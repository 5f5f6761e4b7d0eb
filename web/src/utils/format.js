// Times are shown in Asia/Shanghai (UTC+8), whatever the browser's own zone.
import { i18n } from '../i18n/index.js'

const formatters = new Map()
function formatter(locale) {
  if (!formatters.has(locale)) {
    formatters.set(
      locale,
      new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    )
  }
  return formatters.get(locale)
}

// "2025-03-04 09:30" from an RFC 3339 instant; '' for null, the input itself when unparsable.
export function formatTime(value, locale = i18n.global.locale.value) {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  const parts = Object.fromEntries(formatter(locale).formatToParts(date).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

// "2 天 3 小时" / "2d 3h" for a span of seconds (sign ignored).
export function formatDuration(seconds) {
  const { t } = i18n.global
  let s = Math.abs(Math.round(Number(seconds) || 0))
  const days = Math.floor(s / 86400)
  s -= days * 86400
  const hours = Math.floor(s / 3600)
  const minutes = Math.floor((s - hours * 3600) / 60)
  if (days > 0) return t('duration.daysHours', { days, hours })
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes })
  return t('duration.minutes', { minutes })
}

// What the SLA column says about the time left (negative: overdue by).
export function formatRemaining(seconds) {
  const { t } = i18n.global
  if (seconds == null) return ''
  return seconds < 0
    ? t('sla.overdueBy', { time: formatDuration(seconds) })
    : t('sla.remaining', { time: formatDuration(seconds) })
}

export function formatPercent(rate) {
  if (rate == null || Number.isNaN(Number(rate))) return '—'
  const value = Number(rate) <= 1 ? Number(rate) * 100 : Number(rate)
  return `${value.toFixed(1)}%`
}

// 1,234,567 (grouped digits); '' for null.
export function formatNumber(value, locale = i18n.global.locale.value) {
  if (value == null || value === '' || Number.isNaN(Number(value))) return ''
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN').format(Number(value))
}

// "1.5 MB", "320 KB", "12 B": a file size in bytes, in binary units.
export function formatBytes(bytes) {
  const n = Math.max(0, Number(bytes) || 0)
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KB`
  return `${Math.round(n / (1024 * 102.4)) / 10} MB`
}

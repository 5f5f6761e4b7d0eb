// Shapes the answers of the results API (docs/API-CONTRACT.md "Results") for charts and cards.

export const RATE_KEYS = ['response_rate', 'resolution_rate', 'satisfaction_rate']

// Rows of GET /results/rates as {id, name, name_en, response_rate, …, composite}, whatever the
// exact envelope ({items}, {rows} or a bare array) and naming of the group column.
export function rateRows(data) {
  const rows = Array.isArray(data) ? data : (data?.items ?? data?.rows ?? [])
  return rows.map((row) => ({
    ...row,
    id: row.id ?? row.group_id ?? row.key ?? null,
    name: row.name ?? row.group_name ?? row.label ?? String(row.id ?? row.key ?? ''),
    name_en: row.name_en ?? row.group_name_en ?? null,
  }))
}

// The whole-period figures: the API's own total when it gives one, else the mean of the rows.
export function overallRates(data) {
  const given = data && !Array.isArray(data) ? (data.overall ?? data.total ?? null) : null
  if (given && typeof given === 'object') return given
  const rows = rateRows(data)
  if (!rows.length) return null
  const out = {}
  for (const key of RATE_KEYS) {
    const values = rows.map((r) => r[key]).filter((v) => typeof v === 'number')
    out[key] = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
  }
  return out
}

// The current month in Asia/Shanghai as "YYYY-MM".
export function currentPeriod(now = new Date()) {
  const shanghai = new Date(now.getTime() + 8 * 3600 * 1000)
  return `${shanghai.getUTCFullYear()}-${String(shanghai.getUTCMonth() + 1).padStart(2, '0')}`
}

// A rate as a percentage number (the API may give 0.93 or 93).
export function asPercent(rate) {
  if (rate == null || Number.isNaN(Number(rate))) return null
  const value = Number(rate)
  return Math.round((value <= 1 ? value * 100 : value) * 10) / 10
}

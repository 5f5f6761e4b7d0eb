// What the web app knows about the contact register (无事不扰) beyond the API's answers: the
// kinds of contact, the body of a new contact from the log form, the rules a refused contact
// broke (a 422 `contact.rule_violation` lists them under `violations`), and times in Shanghai.
import { localizedMessage } from '../api/client.js'

// The roles that register contacts (README "Contacts": a liaison with the enterprises they serve,
// a handler as their department, a leader, an administrator); the server decides per enterprise.
export const CONTACT_LOGGERS = ['liaison', 'handler', 'leader', 'admin']

// docs/API-CONTRACT.md "Contacts": 走访, 电话, 座谈, 检查.
export const CONTACT_KINDS = ['visit', 'call', 'meeting', 'inspection']

// The server's limits (src/contacts/contact.h).
export const LIMITS = { purpose: 500, legalBasis: 500, outcome: 2000, justification: 2000, durationMinutes: 7 * 24 * 60, reason: 2000 }

// "2025-03-04 09:30", the wall-clock time in Shanghai of an instant (default: now), as the form's
// date picker holds it.
export function shanghaiWallTime(at = new Date()) {
  const shifted = new Date(at.getTime() + 8 * 3600 * 1000)
  return shifted.toISOString().slice(0, 16).replace('T', ' ')
}

// "2025-03-04T09:30:00+08:00" from the picker's "2025-03-04 09:30" (a Shanghai wall-clock time,
// whatever the browser's zone); '' when it is not such a time.
export function toRfc3339(wallTime) {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?$/.exec(String(wallTime ?? '').trim())
  return m ? `${m[1]}T${m[2]}:${m[3] ?? '00'}+08:00` : ''
}

// The fields of the log form that must be filled before sending (the server says so too, but the
// form says it at once): enterprise, kind, time, purpose; for an inspection also the legal basis
// and the department(s) that inspect.
export function missingContactFields(values) {
  const missing = []
  if (!values.enterprise_id) missing.push('enterprise_id')
  if (!values.kind) missing.push('kind')
  if (!toRfc3339(values.started_at)) missing.push('started_at')
  if (!String(values.purpose ?? '').trim()) missing.push('purpose')
  if (values.kind === 'inspection') {
    if (!String(values.legal_basis ?? '').trim()) missing.push('legal_basis')
    if (!values.department_ids?.length) missing.push('department_ids')
  }
  return missing
}

// The JSON body of POST /api/v1/contacts from the log form. Departments are sent only for an
// inspection (a liaison's visit, call or meeting is theirs alone); the linked request and the
// justification only when given.
export function contactBody(values) {
  const body = {
    enterprise_id: Number(values.enterprise_id),
    kind: values.kind,
    purpose: String(values.purpose ?? '').trim(),
    started_at: toRfc3339(values.started_at),
  }
  const duration = Number(values.duration_minutes)
  if (Number.isFinite(duration) && duration > 0) body.duration_minutes = Math.round(duration)
  const outcome = String(values.outcome ?? '').trim()
  if (outcome) body.outcome = outcome
  if (values.kind === 'inspection') {
    body.legal_basis = String(values.legal_basis ?? '').trim()
    body.department_ids = (values.department_ids ?? []).map(Number)
  }
  if (values.request_id) body.request_id = Number(values.request_id)
  const justification = String(values.justification ?? '').trim()
  if (justification) body.justification = justification
  return body
}

// The rules a refused contact broke, [{rule, message}] in the reader's language; [] for any other
// error.
export function ruleViolations(error, locale) {
  if (error?.code !== 'contact.rule_violation') return []
  const list = error.data?.error?.violations ?? []
  return list.map((v) => ({ rule: v.rule, message: localizedMessage(v, locale) }))
}

// The latest contact with each enterprise among `items` (any order): enterprise id → contact.
export function latestByEnterprise(items) {
  const out = new Map()
  for (const c of items ?? []) {
    const seen = out.get(c.enterprise_id)
    if (!seen || Date.parse(c.started_at) > Date.parse(seen.started_at)) out.set(c.enterprise_id, c)
  }
  return out
}

// Who made the contact: the official, and the department(s) — "李明 · 市场监管局、应急局".
export function contactWho(contact) {
  const parts = []
  if (contact?.official_name) parts.push(contact.official_name)
  if (contact?.department_names?.length) parts.push(contact.department_names.join('、'))
  return parts.join(' · ')
}

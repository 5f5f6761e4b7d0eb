// What the web app knows about requests beyond the API's own answers: the status list for
// filters, and the form each action needs (docs/API-CONTRACT.md, the server's state machine).

export const STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'routed',
  'signed',
  'in_progress',
  'waiting_requester',
  'replied',
  'closed',
  'withdrawn',
  'merged',
]

export const KINDS = ['problem', 'question', 'suggestion', 'complaint']

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied']

// Per action: which inputs its form shows and which of them are required.
//   note: text (required: true / false), department, category, rating, upheld, target.
export const ACTION_FORMS = {
  accept: { note: false, category: false },
  reject: { note: true },
  route: { department: true, category: false, note: false },
  dispute_routing: { note: true },
  sign: { note: false },
  start: { note: false },
  request_info: { note: true },
  supply_info: { note: false },
  reply: { note: true, long: true },
  rate: { rating: true, note: false },
  transfer: { department: true, note: true },
  add_cohandler: { department: true, note: false },
  merge: { target: true, note: false },
  withdraw: { note: false },
  reopen: { note: true },
  rectify: { note: true, long: true },
  revisit: { rating: true, note: false },
  appeal: { note: true },
  decide_appeal: { upheld: true, note: false },
}

// Actions the queue offers for many selected requests at once: those that take no input.
export const BULK_ACTIONS = ['accept', 'sign', 'start']

// Actions shown as the main (filled) button; the others are plain.
export const PRIMARY_ACTIONS = new Set(['accept', 'route', 'sign', 'start', 'reply', 'rate', 'rectify', 'revisit', 'decide_appeal'])
export const DANGER_ACTIONS = new Set(['reject', 'withdraw'])

export function formFor(action) {
  return ACTION_FORMS[action] ?? { note: false }
}

// The JSON body for POST /requests/:id/actions/:action from the form's values.
export function actionBody(action, version, values) {
  const form = formFor(action)
  const body = { version }
  const note = (values.note ?? '').trim()
  if ('note' in form && note) body.note = note
  if (form.department && values.department_id != null && values.department_id !== '') {
    body.department_id = values.department_id
  }
  if ('category' in form && values.category_code) body.category_code = values.category_code
  if (form.rating && values.rating) body.rating = values.rating
  if (form.upheld && typeof values.upheld === 'boolean') body.upheld = values.upheld
  if (form.target && values.target_id) body.target_id = Number(values.target_id)
  return body
}

// The names of required inputs that are still empty.
export function missingFields(action, values) {
  const form = formFor(action)
  const missing = []
  if (form.note === true && !(values.note ?? '').trim()) missing.push('note')
  if (form.department && (values.department_id == null || values.department_id === '')) missing.push('department_id')
  if (form.rating && !values.rating) missing.push('rating')
  if (form.upheld && typeof values.upheld !== 'boolean') missing.push('upheld')
  if (form.target && !values.target_id) missing.push('target_id')
  return missing
}

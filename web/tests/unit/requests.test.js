import { describe, expect, it } from 'vitest'
import { ACTION_FORMS, actionBody, missingFields } from '../../src/utils/requests.js'
import zhCN from '../../src/locales/zh-CN.json'
import en from '../../src/locales/en.json'

// The actions of docs/API-CONTRACT.md.
const CONTRACT_ACTIONS =
  'accept, reject, route, dispute_routing, sign, start, request_info, supply_info, reply, rate, transfer, add_cohandler, merge, withdraw, reopen, rectify, revisit, appeal, decide_appeal'.split(
    ', ',
  )

describe('action forms', () => {
  it('exist, with names in both languages, for every action of the contract', () => {
    for (const action of CONTRACT_ACTIONS) {
      expect(ACTION_FORMS[action], action).toBeDefined()
      expect(zhCN.actions[action], action).toBeTruthy()
      expect(en.actions[action], action).toBeTruthy()
    }
  })

  it('require what the server requires', () => {
    expect(missingFields('reply', { note: '  ' })).toEqual(['note'])
    expect(missingFields('transfer', { note: '', department_id: '' })).toEqual(['note', 'department_id'])
    expect(missingFields('rate', {})).toEqual(['rating'])
    expect(missingFields('decide_appeal', { upheld: null })).toEqual(['upheld'])
    expect(missingFields('decide_appeal', { upheld: false })).toEqual([])
    expect(missingFields('merge', {})).toEqual(['target_id'])
    expect(missingFields('sign', {})).toEqual([])
  })

  it('send the version and only the fields of the action', () => {
    const values = { note: ' 已协调供电公司 ', department_id: 4, category_code: 'power', rating: 'satisfied', upheld: true, target_id: '12' }
    expect(actionBody('reply', 3, values)).toEqual({ version: 3, note: '已协调供电公司' })
    expect(actionBody('route', 3, values)).toEqual({ version: 3, note: '已协调供电公司', department_id: 4, category_code: 'power' })
    expect(actionBody('rate', 5, { ...values, note: '' })).toEqual({ version: 5, rating: 'satisfied' })
    expect(actionBody('decide_appeal', 6, { upheld: false })).toEqual({ version: 6, upheld: false })
    expect(actionBody('merge', 1, values)).toEqual({ version: 1, note: '已协调供电公司', target_id: 12 })
    expect(actionBody('sign', 2, {})).toEqual({ version: 2 })
  })
})

describe('attachments', () => {
  it('show file sizes in binary units', async () => {
    const { formatBytes } = await import('../../src/utils/format.js')
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB')
  })

  it('have their words in both languages', () => {
    for (const key of Object.keys(zhCN.attachments)) expect(en.attachments[key], key).toBeTruthy()
    for (const key of Object.keys(en.attachments)) expect(zhCN.attachments[key], key).toBeTruthy()
    expect(zhCN.actions.attach).toBe('添加附件')
    expect(en.actions.attach).toBeTruthy()
  })
})

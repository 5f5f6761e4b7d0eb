import { describe, expect, it } from 'vitest'
import { dayRowIndex, isWeekend, sortDays, weekdayOf } from '../../src/utils/calendar.js'

describe('the calendar screen helpers', () => {
  it('tells the weekday of a date whatever the time zone', () => {
    // 2025-01-26 (the Spring Festival make-up workday) was a Sunday, 2025-02-08 a Saturday.
    expect(weekdayOf('2025-01-26')).toBe(0)
    expect(weekdayOf('2025-02-08')).toBe(6)
    expect(weekdayOf('2025-03-04')).toBe(2)
    expect(isWeekend('2025-01-26')).toBe(true)
    expect(isWeekend('2025-03-04')).toBe(false)
  })

  it('sorts days by date without changing the input', () => {
    const days = [{ date: '2025-10-08' }, { date: '2025-01-01' }, { date: '2025-05-01' }]
    expect(sortDays(days).map((d) => d.date)).toEqual(['2025-01-01', '2025-05-01', '2025-10-08'])
    expect(days[0].date).toBe('2025-10-08')
  })

  it('finds the row a server field error names', () => {
    expect(dayRowIndex('days[12].kind')).toBe(12)
    expect(dayRowIndex('days[0].date')).toBe(0)
    expect(dayRowIndex('source')).toBeNull()
  })
})

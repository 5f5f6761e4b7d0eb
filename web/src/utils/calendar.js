// Small pure helpers of the calendar screen: days of the working-day calendar are
// {date: "YYYY-MM-DD", kind: "holiday" | "workday", name, name_en}.

// 0 (Sunday) … 6 (Saturday) of a YYYY-MM-DD date, independent of the browser's time zone.
export function weekdayOf(date) {
  const [y, m, d] = String(date).split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

// A make-up workday (调休上班) can only be a Saturday or Sunday.
export function isWeekend(date) {
  const w = weekdayOf(date)
  return w === 0 || w === 6
}

// The days in date order (a new array).
export function sortDays(days) {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

// The row a field error of the server names ("days[3].kind" → 3), or null.
export function dayRowIndex(field) {
  const m = /^days\[(\d+)\]/.exec(String(field))
  return m ? Number(m[1]) : null
}

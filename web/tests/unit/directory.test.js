import { describe, expect, it } from 'vitest'
import { regionTree } from '../../src/utils/directory.js'
import { changedFields } from '../../src/composables/useEditDialog.js'

describe('the regions tree', () => {
  it('puts each region under its parent, in the order given', () => {
    const regions = [
      { id: 1, name: '淄博市', parent_id: null },
      { id: 3, name: '张店区', parent_id: 1 },
      { id: 2, name: '淄川区', parent_id: 1 },
      { id: 9, name: '高新区', parent_id: 3 },
    ]
    expect(regionTree(regions)).toEqual([
      {
        id: 1,
        label: '淄博市',
        children: [
          { id: 3, label: '张店区', children: [{ id: 9, label: '高新区', children: [] }] },
          { id: 2, label: '淄川区', children: [] },
        ],
      },
    ])
  })

  it('makes a region whose parent is unknown (or itself) a root', () => {
    const tree = regionTree([
      { id: 5, name: 'A', parent_id: 77 },
      { id: 6, name: 'B', parent_id: 6 },
    ])
    expect(tree.map((n) => n.id)).toEqual([5, 6])
  })
})

describe('a PATCH body', () => {
  it('holds only the fields that changed', () => {
    const entity = { name: '甲', employees: 10, industries: ['26'], contact_phone: '139****0000' }
    expect(changedFields({ name: '甲', employees: 11, industries: ['26'], contact_phone: '139****0000' }, entity)).toEqual({ employees: 11 })
    expect(changedFields({ industries: ['26', '27'] }, entity)).toEqual({ industries: ['26', '27'] })
  })
})

// Shapes of directory answers for the screens.

// The regions (flat, with parent_id) as a tree for el-tree: [{id, label, children}], children
// in the order given; a region whose parent is unknown is a root.
export function regionTree(regions, label = (r) => r.name) {
  const nodes = new Map(regions.map((r) => [r.id, { id: r.id, label: label(r), children: [] }]))
  const roots = []
  for (const r of regions) {
    const parent = r.parent_id != null ? nodes.get(r.parent_id) : null
    if (parent && r.parent_id !== r.id) parent.children.push(nodes.get(r.id))
    else roots.push(nodes.get(r.id))
  }
  return roots
}

import { computed, reactive, ref } from 'vue'

// The state of a create/edit dialog whose save goes to the API: the form's values, the entity
// being edited (null: creating), and the server's answer — a field error is shown next to its
// input (error.fields), anything else above the form.
export function useEditDialog({ blank, fromEntity = (e) => ({ ...e }), save }) {
  const open = ref(false)
  const editing = ref(null)
  const values = reactive(blank())
  const busy = ref(false)
  const error = ref(null)
  const fieldErrors = computed(() => Object.fromEntries((error.value?.fields ?? []).map((f) => [f.field, f.message])))
  // An error that no input shows (no fields, or fields the form has no input for).
  const generalError = computed(() => (error.value && !(error.value.fields ?? []).length ? error.value.message : ''))

  function reset(to) {
    for (const key of Object.keys(values)) delete values[key]
    Object.assign(values, to)
  }
  function create() {
    editing.value = null
    reset(blank())
    error.value = null
    open.value = true
  }
  function edit(entity) {
    editing.value = entity
    reset({ ...blank(), ...fromEntity(entity) })
    error.value = null
    open.value = true
  }
  // Saves; resolves to the saved entity, or null when the server refused (the error is shown).
  async function submit() {
    busy.value = true
    error.value = null
    try {
      const saved = await save({ ...values }, editing.value)
      open.value = false
      return saved
    } catch (e) {
      error.value = e
      return null
    } finally {
      busy.value = false
    }
  }
  return { open, editing, values, busy, error, fieldErrors, generalError, create, edit, submit }
}

// Only the fields whose value differs from the entity's (a PATCH changes no more than it must).
export function changedFields(values, entity) {
  const out = {}
  for (const [key, value] of Object.entries(values)) {
    if (JSON.stringify(value) !== JSON.stringify(entity?.[key])) out[key] = value
  }
  return out
}

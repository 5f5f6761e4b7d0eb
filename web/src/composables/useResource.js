import { ref, shallowRef } from 'vue'

// Loads something from the API and keeps its state. `missing` is true when the API answered 404
// or 501: the endpoint (or the thing) does not exist yet, which pages show as "no data yet".
export function useResource(loader, { immediate = true } = {}) {
  const data = shallowRef(null)
  const error = shallowRef(null)
  const loading = ref(false)
  const missing = ref(false)
  let generation = 0

  async function load(...args) {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const value = await loader(...args)
      if (mine !== generation) return data.value
      data.value = value
      missing.value = false
    } catch (e) {
      if (mine !== generation) return data.value
      missing.value = e?.status === 404 || e?.status === 501
      error.value = missing.value ? null : e
      data.value = null
    } finally {
      if (mine === generation) loading.value = false
    }
    return data.value
  }

  if (immediate) load()
  return { data, error, loading, missing, load }
}

import { onBeforeUnmount, ref } from 'vue'

// A reactive `matches` for a CSS media query (false where matchMedia does not exist).
export function useMediaQuery(query) {
  const mql = globalThis.matchMedia ? globalThis.matchMedia(query) : null
  const matches = ref(Boolean(mql?.matches))
  const update = (e) => {
    matches.value = e.matches
  }
  mql?.addEventListener?.('change', update)
  onBeforeUnmount(() => mql?.removeEventListener?.('change', update))
  return matches
}

import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n, currentLocale, t } from './i18n/index.js'
import { createAppRouter } from './router/index.js'
import { setUnauthorizedHandler } from './api/index.js'
import { useSessionStore } from './stores/session.js'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter(pinia)

// A 401 on any authenticated call: the session ended; go to sign in and come back afterwards.
setUnauthorizedHandler(() => {
  const session = useSessionStore(pinia)
  const wasSignedIn = session.signedIn
  session.clear()
  const current = router.currentRoute.value
  if (current.name !== 'signin') {
    if (wasSignedIn) ElMessage.warning(t('auth.sessionEnded'))
    router.replace({ name: 'signin', query: { redirect: current.fullPath } })
  }
})

document.documentElement.lang = currentLocale()
app.use(pinia).use(i18n).use(router)
app.mount('#app')

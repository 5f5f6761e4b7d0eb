// The unread count of the signed-in user's notifications, for the header's badge.
import { defineStore } from 'pinia'
import { inbox } from '../api/endpoints.js'

export const useInboxStore = defineStore('inbox', {
  state: () => ({ unread: 0 }),
  actions: {
    async refresh() {
      try {
        this.unread = (await inbox.unreadCount())?.unread ?? 0
      } catch {
        this.unread = 0
      }
    },
  },
})

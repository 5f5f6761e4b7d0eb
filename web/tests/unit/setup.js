// jsdom has no canvas: ECharts cannot draw there, so vue-echarts is a stub that shows its
// option's series names (enough to check what a chart was fed).
import { vi } from 'vitest'
import { defineComponent, h } from 'vue'

vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChartStub',
    props: { option: { type: Object, default: () => ({}) }, autoresize: Boolean },
    setup(props) {
      return () =>
        h(
          'div',
          { class: 'vchart-stub', 'data-series': JSON.stringify((props.option.series ?? []).map((s) => s.name ?? s.type)) },
          '',
        )
    },
  }),
}))

if (!globalThis.matchMedia) {
  globalThis.matchMedia = (query) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
  })
}

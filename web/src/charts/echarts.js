// ECharts with only what the cockpit draws (bar, line and pie charts on canvas), so that the rest of
// the library never reaches the bundle. Pages import VChart from here, not from vue-echarts.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import VChart from 'vue-echarts'

use([CanvasRenderer, BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent])

export { VChart }
